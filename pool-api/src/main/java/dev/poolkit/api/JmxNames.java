package dev.poolkit.api;

/** Checks a pool's {@code jmxName} when it is set, so a bad one fails at the builder, not at construction. */
final class JmxNames {
    /** Characters an unquoted ObjectName value may not hold. */
    private static final String RESERVED = ",=:\"*?\n";

    private JmxNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new PoolConfigException("jmxName must be a non-blank name such as \"buffers\", got "
                    + (name == null ? "null" : "'" + name + "'") + "; leave it unset for no JMX registration");
        }
        for (int i = 0; i < name.length(); i++) {
            if (RESERVED.indexOf(name.charAt(i)) >= 0) {
                throw new PoolConfigException("jmxName '" + name + "' holds '" + name.charAt(i) + "', which a JMX"
                        + " ObjectName value may not: use letters, digits, '-', '_' or '.'");
            }
        }
        return name;
    }
}
