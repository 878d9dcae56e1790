package dev.poolkit.internal;

import dev.poolkit.api.PoolConfigException;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers pools' MXBeans on the platform MBean server, as {@code dev.poolkit:type=TYPE,name=NAME}.
 * A name belongs to one open pool, whatever its type, so that a dashboard's "buffers" is one pool.
 */
public final class PoolJmx {
    /** The JMX domain of every pool's bean. */
    public static final String DOMAIN = "dev.poolkit";
    private static final System.Logger LOG = System.getLogger(PoolJmx.class.getName());

    private PoolJmx() {
    }

    /** The bean's name for a pool of {@code type} ("BlockPool", "ObjectPool") called {@code name}. */
    public static ObjectName objectName(String type, String name) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",name=" + name);
        } catch (MalformedObjectNameException e) {
            throw new PoolConfigException("jmxName '" + name + "' is not a valid JMX name: " + e.getMessage());
        }
    }

    /**
     * Fails if a pool called {@code name} is registered already: before a pool allocates anything,
     * so a clash costs no memory.
     */
    public static void checkAvailable(Optional<String> name) {
        if (name.isPresent()) {
            ObjectName taken = registered(name.get());
            if (taken != null) {
                throw clash(name.get(), taken);
            }
        }
    }

    /**
     * Registers {@code bean} for the pool called {@code name}; returns its ObjectName, or null when
     * no name is set.
     *
     * @throws PoolConfigException if a pool of that name is registered already
     */
    public static ObjectName register(Optional<String> name, String type, Object bean) {
        if (name.isEmpty()) {
            return null;
        }
        ObjectName on = objectName(type, name.get());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        // One lock, so the check across types and the registration are one step for this class loader.
        synchronized (PoolJmx.class) {
            ObjectName taken = registered(name.get());
            if (taken != null) {
                throw clash(name.get(), taken);
            }
            try {
                server.registerMBean(bean, on);
            } catch (InstanceAlreadyExistsException e) {
                throw clash(name.get(), on);
            } catch (JMException e) {
                throw new IllegalStateException("could not register " + on + " on the platform MBean server", e);
            }
        }
        return on;
    }

    /** Unregisters what {@link #register} registered (nothing for null). Never throws: called from close(). */
    public static void unregister(ObjectName on) {
        if (on == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it for us: nothing to do.
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister " + on + ": " + e);
        }
    }

    private static ObjectName registered(String name) {
        ObjectName pattern;
        try {
            pattern = new ObjectName(DOMAIN + ":name=" + name + ",*");
        } catch (MalformedObjectNameException e) {
            throw new PoolConfigException("jmxName '" + name + "' is not a valid JMX name: " + e.getMessage());
        }
        return ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null).stream().findFirst().orElse(null);
    }

    private static PoolConfigException clash(String name, ObjectName taken) {
        return new PoolConfigException("jmxName '" + name + "' is taken: " + taken + " is registered already. You"
                + " most likely made a second pool with the same jmxName, or did not close() the first one; give"
                + " each open pool its own name");
    }
}
