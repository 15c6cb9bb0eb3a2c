package io.stowage.kernel.frontend;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.osgi.service.log.Logger;

/**
 * The kernel's MBeans on the platform MBean server, where Karaf's JMX, jconsole and Hawtio find them: the kernel's
 * MXBean from the start, and the others as they come and go. All are unregistered when the kernel stops, and none
 * is registered after that, so that an updated kernel's class loader is not held by the server.
 */
public final class KernelMBeanRegistration implements AutoCloseable {

    private final MBeanServer server;
    private final Logger logger;
    /** Touched only while holding this object's lock. */
    private final Set<ObjectName> registered = new LinkedHashSet<>();
    private boolean closed;

    public KernelMBeanRegistration(StowageMXBean bean, Logger logger) {
        this.server = ManagementFactory.getPlatformMBeanServer();
        this.logger = logger;
        try {
            register(new ObjectName(StowageMXBean.OBJECT_NAME), bean);
        } catch (JMException e) {
            logger.warn("the kernel's MXBean {} could not be registered: {}", StowageMXBean.OBJECT_NAME, e.toString());
        }
    }

    /**
     * Registers the bean under the name, in place of one a kernel that died without stopping left there; nothing
     * happens once the kernel stopped, or if this kernel registered the name already.
     */
    synchronized void register(ObjectName name, Object bean) {
        if (closed || registered.contains(name)) {
            return;
        }
        try {
            try {
                server.registerMBean(bean, name);
            } catch (InstanceAlreadyExistsException stale) {
                server.unregisterMBean(name);
                server.registerMBean(bean, name);
            }
            registered.add(name);
        } catch (JMException | RuntimeException e) {
            logger.warn("the MBean {} could not be registered: {}", name, e.toString());
        }
    }

    synchronized void unregister(ObjectName name) {
        if (registered.remove(name)) {
            unregisterQuietly(name);
        }
    }

    /** The names this kernel registered and still holds. */
    synchronized Set<ObjectName> names() {
        return Set.copyOf(registered);
    }

    @Override
    public synchronized void close() {
        closed = true;
        registered.forEach(this::unregisterQuietly);
        registered.clear();
    }

    private void unregisterQuietly(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException alreadyGone) {
            // nothing to release
        } catch (JMException | RuntimeException e) {
            logger.warn("the MBean {} could not be unregistered: {}", name, e.toString());
        }
    }
}
