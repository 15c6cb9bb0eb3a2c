package io.stowage.kernel;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.osgi.service.log.Logger;

/**
 * The kernel's MXBean on the platform MBean server, where Karaf's JMX, jconsole and Hawtio find it; unregistered
 * when the kernel stops, so that an updated kernel's class loader is not held by the server.
 */
final class KernelMBeanRegistration implements AutoCloseable {

    private final MBeanServer server;
    private final ObjectName name;

    KernelMBeanRegistration(StowageMXBean bean, Logger logger) {
        this.server = ManagementFactory.getPlatformMBeanServer();
        ObjectName registered = null;
        try {
            registered = new ObjectName(StowageMXBean.OBJECT_NAME);
            if (server.isRegistered(registered)) {
                // A kernel that died without stopping left it: this kernel's counters replace it
                server.unregisterMBean(registered);
            }
            server.registerMBean(bean, registered);
        } catch (JMException | RuntimeException e) {
            logger.warn("the kernel's MXBean {} could not be registered: {}", StowageMXBean.OBJECT_NAME, e.toString());
            registered = null;
        }
        this.name = registered;
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (JMException alreadyGone) {
            // nothing to release
        }
    }
}
