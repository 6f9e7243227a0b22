package pool.jmx;

/**
 * One row of {@link PoolMXBean#getChangedSettings()}: a live setting changed since the
 * pool took its configuration file's value (through JMX or {@code poolctl set}), and now
 * different from the file. JMX clients see it as a {@code CompositeData} with these items.
 *
 * @param setting the setting's name in the configuration file, e.g. {@code maxSize}
 * @param live    its value now, written as the file writes it, e.g. {@code 20} or {@code 30s}
 * @param file    its value in the configuration file the daemon last read
 */
public record SettingChangeRow(String setting, String live, String file) {
}
