package io.stowage.management;

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
 * The Stowage MBeans on the platform MBean server, where Karaf's JMX, jconsole and Hawtio find them. All are
 * unregistered on {@link #close()}, and none is registered after that, so that no kernel revision's classes stay
 * reachable from the server.
 */
final class MBeanRegistrations implements AutoCloseable {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Logger logger;
    /** Touched only while holding this object's lock. */
    private final Set<ObjectName> registered = new LinkedHashSet<>();
    private boolean closed;

    MBeanRegistrations(Logger logger) {
        this.logger = logger;
    }

    /**
     * Registers the bean under the name, in place of one that a runtime which died without stopping left there;
     * nothing happens once closed, or if the name is registered here already.
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

    /** The names registered here and still held. */
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
