package dev.poolkit.api.contract;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads a pool's MXBean the way a JMX client does: by name, through the platform MBean server. */
public final class JmxReads {
    private JmxReads() {
    }

    public static Bean blockPool(String name) throws JMException {
        return new Bean(new ObjectName("dev.poolkit:type=BlockPool,name=" + name));
    }

    public static Bean objectPool(String name) throws JMException {
        return new Bean(new ObjectName("dev.poolkit:type=ObjectPool,name=" + name));
    }

    /** One registered bean. */
    public static final class Bean {
        private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        private final ObjectName name;

        Bean(ObjectName name) {
            this.name = name;
        }

        public Object get(String attribute) throws JMException {
            return server.getAttribute(name, attribute);
        }

        public boolean isRegistered() {
            return server.isRegistered(name);
        }

        public ObjectName name() {
            return name;
        }
    }
}
