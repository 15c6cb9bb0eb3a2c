package io.stowage.jcache;

import java.lang.management.ManagementFactory;

import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's MXBeans in the platform MBean server under the names JSR-107 gives them (section 12.1):
 * {@code javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}, with the characters
 * an unquoted object name value cannot hold ({@code , : = \n ? * "}) turned into dots.
 */
final class CacheMBeans {

    private CacheMBeans() {
    }

    static ObjectName name(String type, String managerUri, String cache) {
        try {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + quoteless(managerUri) + ",Cache="
                    + quoteless(cache));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("cache " + cache + ": no MBean name for it: " + e.getMessage(), e);
        }
    }

    /** Registers the bean under the name, unless something already is. */
    static void register(Object bean, ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException e) {
            // Registered meanwhile by the same cache's other thread: what we wanted
        } catch (JMException e) {
            throw new CacheException("cannot register MBean " + name + ": " + e.getMessage(), e);
        }
    }

    static void unregister(ObjectName name) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Not registered: nothing to undo
        } catch (JMException e) {
            throw new CacheException("cannot unregister MBean " + name + ": " + e.getMessage(), e);
        }
    }

    private static String quoteless(String text) {
        // The TCK looks names up with , : = and newlines as dots; ? * and " would make a pattern or a quoted value
        return text.replaceAll("[,:=\n?*\"]", ".");
    }
}
