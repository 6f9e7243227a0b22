package pool.ctl;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import pool.jmx.LiveSetting;
import pool.jmx.PoolBeans;

/**
 * {@code set POOL SETTING VALUE}: one live setting, named and written as the configuration
 * file writes it. It writes the setting's pool attribute, so the daemon logs the change
 * with the user's name and the pool applies it as it applies a reload, checking the whole
 * set of settings first.
 */
final class SetCommand implements Command {

    @Override public String name() { return "set"; }
    @Override public List<String> parameters() { return List.of("POOL", "SETTING", "VALUE"); }
    @Override public boolean changes() { return true; }

    @Override
    public String summary() {
        return "change one live setting, written as in the file (set orders borrowTimeout 10s)";
    }

    @Override
    public int run(Session s, List<String> arguments) throws IOException {
        String pool = arguments.get(0);
        Optional<LiveSetting> named = LiveSetting.named(arguments.get(1));
        if (named.isEmpty()) {
            s.err().println("poolctl: '" + arguments.get(1) + "' is no live setting; the live settings are: "
                    + LiveSetting.names() + " (others need the configuration file and a reload)");
            return Poolctl.USAGE;
        }
        LiveSetting setting = named.get();
        Object value;
        try {
            value = setting.parse(arguments.get(2));
        } catch (IllegalArgumentException e) {
            s.err().println("poolctl: " + e.getMessage());
            return Poolctl.USAGE;
        }
        if (s.pool(pool) == null) {
            return Poolctl.REFUSED;
        }
        ObjectName on = PoolBeans.nameOf(pool);
        try {
            String before = setting.formatAttribute(s.jmx().getAttribute(on, setting.attribute()));
            s.jmx().setAttribute(on, new Attribute(setting.attribute(), value));
            String after = setting.formatAttribute(s.jmx().getAttribute(on, setting.attribute()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pool", pool);
            json.put("setting", setting.settingName());
            json.put("before", before);
            json.put("after", after);
            s.print(json, pool + ": " + setting.settingName() + " " + before + " -> " + after);
            return Poolctl.OK;
        } catch (AttributeNotFoundException e) {
            s.err().println("poolctl: this daemon has no attribute " + setting.attribute() + " (an older poold?)");
            return Poolctl.REFUSED;
        } catch (InstanceNotFoundException e) {
            s.err().println("poolctl: pool '" + pool + "' was removed meanwhile");
            return Poolctl.REFUSED;
        } catch (JMException | RuntimeException e) {
            if (e instanceof SecurityException se) {
                throw se;
            }
            // The pool's refusal (maxSize below minIdle, a zero reaperInterval): its own words.
            s.err().println("poolctl: " + Poolctl.rootMessage(e));
            return Poolctl.REFUSED;
        }
    }
}
