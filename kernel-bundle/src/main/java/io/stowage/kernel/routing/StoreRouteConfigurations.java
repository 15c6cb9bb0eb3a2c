package io.stowage.kernel.routing;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;

import io.stowage.kernel.Kernel;

/** Receives the store route configurations (factory PID {@value #FACTORY_PID}) and hands the rules to the kernel. */
public final class StoreRouteConfigurations implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.stowage.store";

    private final Kernel kernel;
    private final Map<String, RouteRule> rules = new ConcurrentHashMap<>();

    public StoreRouteConfigurations(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Applies the route configurations that exist now; ConfigAdmin delivers the same ones again later. */
    public void loadExisting(ConfigurationAdmin admin) {
        Configuration[] existing;
        try {
            existing = admin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + FACTORY_PID + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read the store routes: " + e, e);
        }
        for (Configuration configuration : existing == null ? new Configuration[0] : existing) {
            try {
                updated(configuration.getPid(), configuration.getProperties());
            } catch (ConfigurationException invalid) {
                // ConfigAdmin delivers it again to updated(), and logs why it is refused
            }
        }
    }

    @Override
    public String getName() {
        return "Stowage store routes";
    }

    @Override
    public synchronized void updated(String pid, Dictionary<String, ?> properties) throws ConfigurationException {
        Object backend = properties.get("backend");
        if (backend == null) {
            throw new ConfigurationException("backend", "store route " + pid + " names no backend configuration");
        }
        try {
            rules.put(pid, new RouteRule(text(properties.get("namespace")), text(properties.get("store")),
                    backend.toString()));
        } catch (RuntimeException e) {
            throw new ConfigurationException(null, "store route " + pid + ": " + e.getMessage(), e);
        }
        kernel.updateRules(rules.values());
    }

    @Override
    public synchronized void deleted(String pid) {
        if (rules.remove(pid) != null) {
            kernel.updateRules(rules.values());
        }
    }

    private static String text(Object value) {
        return value == null ? RouteRule.ANY : value.toString();
    }
}
