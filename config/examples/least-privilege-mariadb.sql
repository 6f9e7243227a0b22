-- The MariaDB account a poold pool logs in as, from the host poold runs on (here
-- 127.0.0.1). Every client user of the pool works with exactly these rights: reading
-- and writing the tables of database orders, nothing more. Schema changes are made by
-- another account, never through the pool. Run as an administrator.
CREATE USER 'orders_app'@'127.0.0.1' IDENTIFIED BY 'change-me' WITH MAX_USER_CONNECTIONS 20;
GRANT SELECT, INSERT, UPDATE, DELETE ON orders.* TO 'orders_app'@'127.0.0.1';
-- Never grant the pool's account FILE (LOAD_FILE, SELECT ... INTO OUTFILE), SUPER,
-- PROCESS, CREATE, ALTER, DROP, CREATE ROUTINE, GRANT OPTION or anything ON *.*:
-- each would let every client user read the server's files, see or kill other
-- sessions, or change what the application relies on.
