package io.stowage.kernel.index;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;

import io.stowage.admin.StoreId;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.routing.ExistingConfigurations;
import io.stowage.kernel.store.StoreRoute;

/**
 * Receives the index configurations (factory PID {@value #FACTORY_PID}: {@code store = namespace/store},
 * {@code name}, {@code function = json(pointer=/email)}, {@code unique}) and defines those indexes in the kernel,
 * which builds each once defined. A configuration changed to another definition rebuilds the index beside itself
 * while it answers lookups, and swaps ({@link io.stowage.kernel.store.IndexLifecycle#redefine}); a deleted one drops
 * its index and the index's entries.
 */
public final class IndexConfigurations implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.stowage.index";

    /** Which index each configuration defined. */
    private record Defined(StoreRoute route, IndexDefinition definition) {
    }

    private final Kernel kernel;
    private final Map<String, Defined> byPid = new ConcurrentHashMap<>();

    public IndexConfigurations(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Defines the indexes configured now, before any store is used; ConfigAdmin delivers them again later. */
    public void loadExisting(ConfigurationAdmin admin) {
        ExistingConfigurations.deliver(admin, FACTORY_PID, this, "the index configurations");
    }

    @Override
    public String getName() {
        return "Stowage secondary indexes";
    }

    @Override
    public synchronized void updated(String pid, Dictionary<String, ?> properties) throws ConfigurationException {
        Defined defined;
        try {
            StoreId store = StoreId.parse(required(pid, properties, "store"));
            String name = IndexDefinition.requireName(required(pid, properties, "name"));
            Object unique = properties.get("unique");
            IndexDefinition definition = IndexDefinition.parse(store.label(), name,
                    required(pid, properties, "function"), unique != null && Boolean.parseBoolean(unique.toString()));
            defined = new Defined(kernel.route(store.namespace(), store.store()), definition);
        } catch (RuntimeException e) {
            throw new ConfigurationException(null, "index configuration " + pid + ": " + e.getMessage(), e);
        }
        Defined previous = byPid.get(pid);
        IndexDefinition definition = defined.definition();
        if (previous != null && (previous.route() != defined.route()
                || !previous.definition().name().equals(definition.name()))) {
            kernel.indexes().drop(previous.route(), previous.definition().name()); // it names another index now
        }
        if (defined.route().indexes().named(definition.name()) == null) {
            kernel.indexes().create(defined.route(), definition);
        } else {
            // Defined already (by the operator API, or delivered twice), or changed: rebuilt beside the index
            kernel.indexes().redefine(defined.route(), definition);
        }
        byPid.put(pid, defined);
    }

    @Override
    public synchronized void deleted(String pid) {
        Defined defined = byPid.remove(pid);
        if (defined != null && definedAs(defined.route(), defined.definition())) {
            kernel.indexes().drop(defined.route(), defined.definition().name());
        }
    }

    /** Whether the store's index of that name serves, or is being rebuilt as, the definition. */
    private static boolean definedAs(StoreRoute route, IndexDefinition definition) {
        LiveIndex live = route.indexes().named(definition.name());
        LiveIndex replacement = route.indexes().replacementOf(definition.name());
        return live != null && (live.definition.equals(definition)
                || replacement != null && replacement.definition.equals(definition)
                || live.failedReplacement() != null && live.failedReplacement().definition.equals(definition));
    }

    private static String required(String pid, Dictionary<String, ?> properties, String name) {
        Object value = properties.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("index configuration " + pid + " names no " + name);
        }
        return value.toString().trim();
    }
}
