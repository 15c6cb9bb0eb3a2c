package io.stowage.kernel;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Saves a migrated store's route as a store route configuration ({@code io.stowage.store}), so that it outlives
 * the kernel: the route naming exactly that store is updated, or a new one is made.
 */
final class ConfigAdminRoutes implements StoreMigrator.RouteStore {

    private final ConfigurationAdmin admin;

    ConfigAdminRoutes(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void persist(String namespace, String store, String configuration) {
        try {
            // Names hold no LDAP special characters (bundle symbolic names and store names are restricted)
            Configuration[] exact = admin.listConfigurations("(&(service.factoryPid="
                    + StoreRouteConfigurations.FACTORY_PID + ")(namespace=" + namespace + ")(store=" + store + "))");
            Configuration route = exact != null && exact.length > 0 ? exact[0]
                    : admin.getFactoryConfiguration(StoreRouteConfigurations.FACTORY_PID,
                            "migrated." + namespace + "." + store, "?");
            Dictionary<String, Object> properties = route.getProperties() == null ? new Hashtable<>()
                    : route.getProperties();
            properties.put("namespace", namespace);
            properties.put("store", store);
            properties.put("backend", configuration);
            route.update(properties);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }
}
