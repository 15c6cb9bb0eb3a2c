package io.stowage.kernel.instance;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.log.Logger;

/**
 * One ConfigAdmin listener ({@link BackendConfigurations}, a {@code ManagedServiceFactory}) per extension PID, from
 * the first extension that declares the PID until the kernel stops, so a configuration outlives its extension's
 * updates. Touched only on the lifecycle thread.
 */
final class ConfigurationListeners {

    private final BundleContext context;
    private final Logger logger;
    private final Map<String, ServiceRegistration<ManagedServiceFactory>> registrations = new HashMap<>();

    ConfigurationListeners(BundleContext context, Logger logger) {
        this.context = context;
        this.logger = logger;
    }

    /** Listens for the configurations of the extension's PID, unless that PID is listened for already. */
    void listenFor(Extension extension, BackendInstances instances) {
        String pid = extension.configurationPid();
        if (pid == null || registrations.containsKey(pid)) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, pid);
        properties.put(Constants.SERVICE_DESCRIPTION, "Stowage " + extension.type() + " backend configurations");
        registrations.put(pid, context.registerService(ManagedServiceFactory.class,
                new BackendConfigurations(instances, extension.type(), logger), properties));
    }

    void close() {
        registrations.values().forEach(registration -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters it when the kernel bundle stops
            }
        });
        registrations.clear();
    }
}
