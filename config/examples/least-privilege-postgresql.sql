-- The PostgreSQL role a poold pool logs in as. Every client user of the pool works
-- with exactly these rights: reading and writing the application's tables, nothing
-- more. Schema changes are made by another role (here orders_owner, which owns the
-- tables), never through the pool. Run as a superuser, in database orders.
CREATE ROLE orders_app LOGIN PASSWORD 'change-me'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 20;
GRANT CONNECT ON DATABASE orders TO orders_app;
-- PostgreSQL 14 and older let every role create objects in schema public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO orders_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO orders_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO orders_app;
-- Tables and sequences orders_owner creates later get the same grants.
ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO orders_app;
ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO orders_app;
-- Never grant the pool's role SUPERUSER, CREATEROLE, ownership of the tables, or
-- membership in pg_read_server_files, pg_write_server_files or
-- pg_execute_server_program: each would let every client user read or write the
-- server's files or run programs on it.
