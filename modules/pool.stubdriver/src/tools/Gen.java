// One-off generator of the Base*.java classes of pool.stubdriver (and, adapted, of the
// engine's delegating proxies). Run: java src/tools/Gen.java src/main/java/pool/stubdriver

import java.lang.reflect.*;
import java.util.*;
import java.nio.file.*;

public class Gen {
    static String tn(Type t) { return t.getTypeName().replace('$', '.'); }
    static String def(Class<?> r) {
        if (r == void.class) return null;
        if (r == boolean.class) return "false";
        if (r.isPrimitive()) return "0";
        return "null";
    }
    public static void main(String[] a) throws Exception {
        String out = a[0];
        gen(out, "BaseConnection", null, java.sql.Connection.class, "Connection");
        gen(out, "BaseStatement", null, java.sql.Statement.class, "Statement");
        gen(out, "BasePreparedStatement", "StubStatement", java.sql.PreparedStatement.class, "PreparedStatement");
        gen(out, "BaseCallableStatement", "StubPreparedStatement", java.sql.CallableStatement.class, "CallableStatement");
        gen(out, "BaseResultSet", null, java.sql.ResultSet.class, "ResultSet");
        gen(out, "BaseDatabaseMetaData", null, java.sql.DatabaseMetaData.class, "DatabaseMetaData");
    }
    static void gen(String out, String name, String sup, Class<?> itf, String itfName) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("package pool.stubdriver;\n\n");
        sb.append("// GENERATED from java.sql.").append(itfName).append(" by a one-off generator: every method checks the\n");
        sb.append("// object is usable (check()) and returns a neutral value. Hand-written subclasses override\n");
        sb.append("// what tests and benchmarks observe. Regenerate rather than edit by hand.\n");
        sb.append("@SuppressWarnings({\"deprecation\", \"unused\"})\n");
        sb.append("abstract class ").append(name);
        if (sup != null) sb.append(" extends ").append(sup);
        sb.append(" implements java.sql.").append(itfName).append(" {\n\n");
        if ("StubStatement".equals(sup)) {
            sb.append("\n    ").append(name).append("(StubConnection connection) {\n        super(connection);\n    }\n\n");
        } else if ("StubPreparedStatement".equals(sup)) {
            sb.append("\n    ").append(name).append("(StubConnection connection, String sql) {\n        super(connection, sql);\n    }\n\n");
        }
        if (sup == null) {
            sb.append("    /** Throws when this object may not be used (closed, broken). */\n");
            sb.append("    abstract void check() throws java.sql.SQLException;\n\n");
        }
        List<Method> ms = new ArrayList<>(Arrays.asList(itf.getDeclaredMethods()));
        ms.sort(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        for (Method m : ms) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.isSynthetic()) continue;
            if (m.getName().equals("close") || m.getName().equals("isClosed") || m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
                if (sup != null) continue;
            }
            sb.append("    @Override\n    public ");
            TypeVariable<Method>[] tvs = m.getTypeParameters();
            if (tvs.length > 0) {
                sb.append("<");
                for (int i = 0; i < tvs.length; i++) { if (i > 0) sb.append(", "); sb.append(tvs[i].getName()); }
                sb.append("> ");
            }
            sb.append(tn(m.getGenericReturnType())).append(' ').append(m.getName()).append('(');
            Type[] ps = m.getGenericParameterTypes();
            for (int i = 0; i < ps.length; i++) {
                if (i > 0) sb.append(", ");
                String t = tn(ps[i]);
                if (m.isVarArgs() && i == ps.length - 1) t = t.substring(0, t.length() - 2) + "...";
                sb.append(t).append(" p").append(i);
            }
            boolean throwsSql = Arrays.asList(m.getExceptionTypes()).contains(java.sql.SQLException.class);
            sb.append(")");
            Class<?>[] ex = m.getExceptionTypes();
            for (int i = 0; i < ex.length; i++) sb.append(i == 0 ? " throws " : ", ").append(ex[i].getName());
            sb.append(" {\n");
            if (throwsSql) sb.append("        check();\n");
            String d = def(m.getReturnType());
            if (d != null) sb.append("        return ").append(d).append(";\n");
            sb.append("    }\n\n");
        }
        // Wrapper methods for the root classes
        if (sup == null) {
            // unwrap/isWrapperFor are in java.sql.Wrapper, not declared on itf
            sb.append("    @Override\n    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {\n");
            sb.append("        if (iface.isInstance(this)) {\n            return iface.cast(this);\n        }\n");
            sb.append("        throw new java.sql.SQLException(\"stub: not a wrapper for \" + iface.getName());\n    }\n\n");
            sb.append("    @Override\n    public boolean isWrapperFor(Class<?> iface) {\n        return iface.isInstance(this);\n    }\n");
        }
        sb.append("}\n");
        Files.writeString(Path.of(out, name + ".java"), sb.toString());
    }
}
