package pool.ctl;

import java.util.List;
import java.util.Map;

/** {@code reload}: the daemon re-reads its configuration file, as on SIGHUP. */
final class ReloadCommand implements Command {

    @Override public String name() { return "reload"; }
    @Override public List<String> parameters() { return List.of(); }
    @Override public boolean changes() { return true; }

    @Override
    public String summary() {
        return "re-read the daemon's configuration file, as SIGHUP does";
    }

    @Override
    public int run(Session s, List<String> arguments) {
        String said = s.daemon().reload();
        boolean applied = said.startsWith("reloaded");
        if (applied || s.json()) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("result", said);
            json.put("applied", applied);
            s.print(json, said);
        }
        if (!applied) {
            // A refusal, said where the other refusals are, --json or not (operations.md).
            s.err().println("poolctl: " + said);
        }
        return applied ? Poolctl.OK : Poolctl.REFUSED;
    }
}
