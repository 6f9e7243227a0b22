package pool.client.internal;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;
import pool.protocol.Result;
import pool.protocol.SqlError;

/**
 * A statement's parameters as the daemon's driver described them before execution; answered
 * locally, each refusal of the driver raised where the driver raised it.
 */
final class RemoteParameterMetaData implements ParameterMetaData {

    private final List<Result.Parameter> parameters;
    private final DriverErrors errors;
    private final boolean callable;

    RemoteParameterMetaData(List<Result.Parameter> parameters, DriverErrors errors, boolean callable) {
        this.parameters = parameters;
        this.errors = errors;
        this.callable = callable;
    }

    /** @return parameter {@code i}, once its attribute {@code attribute} ({@link Result.Parameter#ATTRIBUTES}) is known answered */
    private Result.Parameter p(int i, int attribute) throws SQLException {
        if (i < 1 || i > parameters.size()) {
            throw errors.parameterMetaDataIndex(i, parameters.size(), callable);
        }
        Result.Parameter p = parameters.get(i - 1);
        SqlError refused = p.error(attribute);
        if (refused != null) {
            throw refused.toException();
        }
        return p;
    }

    @Override public int getParameterCount() { return parameters.size(); }
    @Override public int getParameterMode(int i) throws SQLException { return p(i, 0).mode(); }
    @Override public int getParameterType(int i) throws SQLException { return p(i, 1).type(); }
    @Override public String getParameterTypeName(int i) throws SQLException { return p(i, 2).typeName(); }
    @Override public String getParameterClassName(int i) throws SQLException { return p(i, 3).className(); }
    @Override public int getPrecision(int i) throws SQLException { return p(i, 4).precision(); }
    @Override public int getScale(int i) throws SQLException { return p(i, 5).scale(); }
    @Override public int isNullable(int i) throws SQLException { return p(i, 6).nullable(); }
    @Override public boolean isSigned(int i) throws SQLException { return p(i, 7).signed(); }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
