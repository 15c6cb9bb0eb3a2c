package io.stowage.itest;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.ManagedServiceFactory;

/**
 * Waits for Felix ConfigAdmin's two threads to catch up with what happened so far. Each works through its queue in
 * order, so a task of the test's own, queued now, runs after every task queued before it.
 */
final class ConfigAdminBarriers {

    private static final String BARRIER_PID = "io.stowage.itest.barrier";

    private ConfigAdminBarriers() {
    }

    /**
     * Waits until every configuration event of the changes made so far has been handled by every configuration
     * listener, SCR's among them: SCR calls a component's {@code @Modified} method while it handles the event. Felix
     * ConfigAdmin hands events to listeners one at a time, in order, on one thread; so once the event of a
     * configuration changed after them reaches a listener of the test's own, the earlier ones were handled.
     */
    static void eventsDelivered(BundleContext context, ConfigurationAdmin configurations)
            throws IOException, InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        // Each call waits for its own event, so any event of this PID a new listener hears is the one it caused
        ConfigurationListener listener = event -> {
            if (event.getPid().equals(BARRIER_PID)) {
                delivered.countDown();
            }
        };
        ServiceRegistration<ConfigurationListener> registration = context.registerService(
                ConfigurationListener.class, listener, null);
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("change", System.nanoTime());
            configurations.getConfiguration(BARRIER_PID, "?").update(properties);
            await(delivered, "ConfigAdmin delivered no event");
        } finally {
            registration.unregister();
        }
    }

    /**
     * Waits until a {@code ManagedServiceFactory} is registered for each factory PID given, and ConfigAdmin has
     * handed each its configurations. A factory configuration created while ConfigAdmin still does that for a
     * factory just registered is found half made, and Felix ConfigAdmin logs "Ignoring new configuration" as an
     * error (harmless: the configuration's update delivers it a moment later).
     */
    static void factoriesServed(BundleContext context, String... factoryPids) throws InterruptedException {
        for (String pid : factoryPids) {
            StowageFramework.await("a ManagedServiceFactory for " + pid, 10_000, () -> factoryRegistered(context, pid));
        }
        // The update thread gives a new ManagedService its configuration (none here) after the earlier factories
        CountDownLatch updated = new CountDownLatch(1);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, BARRIER_PID + ".updates." + System.nanoTime());
        ServiceRegistration<ManagedService> registration = context.registerService(ManagedService.class,
                configuration -> updated.countDown(), properties);
        try {
            await(updated, "ConfigAdmin did not update a new ManagedService");
        } finally {
            registration.unregister();
        }
    }

    private static boolean factoryRegistered(BundleContext context, String pid) {
        try {
            return context.getServiceReferences(ManagedServiceFactory.class, "(" + Constants.SERVICE_PID + "=" + pid
                    + ")").size() > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(pid, e);
        }
    }

    private static void await(CountDownLatch latch, String failure) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError(failure + " within 10 s");
        }
    }
}
