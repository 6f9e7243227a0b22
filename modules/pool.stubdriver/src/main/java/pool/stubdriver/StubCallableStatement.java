package pool.stubdriver;

/** A callable statement of the stub driver. */
public class StubCallableStatement extends BaseCallableStatement {

    StubCallableStatement(StubConnection connection, String sql) {
        super(connection, sql);
    }
}
