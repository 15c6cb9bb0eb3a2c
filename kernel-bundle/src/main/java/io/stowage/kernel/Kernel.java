package io.stowage.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

import io.stowage.api.UnsupportedFormatException;
import io.stowage.kernel.feed.StreamFollower;
import io.stowage.kernel.index.IndexFunctions;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.ExpirySweeper;
import io.stowage.kernel.store.IndexLifecycle;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.LegacyLayoutUpgrade;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.Names;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.kernel.store.StoreCatalog;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformRegistry;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * The kernel without OSGi: backend configurations and their bindings, store routes, settings and the expiry
 * sweeper. The OSGi components feed it backend instances, configuration and callers.
 */
public final class Kernel implements AutoCloseable {

    /**
     * Metadata key holding the data format this kernel writes; data of any other format is refused, except format 1
     * (keys under {@code namespace 0x00 store 0x00}), which is upgraded when its backend is bound.
     */
    public static final byte[] FORMAT_KEY = {KeyCodec.META, 's', 't', 'o', 'w', 'a', 'g', 'e', '.', 'f', 'o', 'r', 'm', 'a',
            't'};
    static final byte[] FORMAT = "2".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LEGACY_FORMAT = "1".getBytes(StandardCharsets.US_ASCII);

    private final ConcurrentHashMap<String, BackendSlot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StoreRoute> routes = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final Logger logger;
    private final ExpirySweeper sweeper;
    private final TransformRegistry transforms = new TransformRegistry();
    private final IndexFunctions indexFunctions = new IndexFunctions();
    private final IndexLifecycle indexes;
    private final StoreListeners listeners;
    private volatile KernelSettings settings;
    private volatile List<RouteRule> rules = List.of();
    /** Stores moved by a migration, by label: they go to that configuration until a route names them exactly. */
    private final Map<String, String> migratedStores = new ConcurrentHashMap<>();
    /** Configurations a running migration copies into, with how many migrations do so. */
    private final Map<String, Integer> migrationsUsing = new ConcurrentHashMap<>();
    /** Told whenever the set of configurations stores can reach may have changed. */
    private volatile Runnable routesChanged = () -> { };
    /** Told of each store the first time it is opened or listed. */
    private volatile Consumer<StoreRoute> storeKnown = route -> { };

    public Kernel(KernelSettings settings, LongSupplier clock, Logger logger) {
        this.settings = settings;
        this.clock = clock;
        this.logger = logger;
        this.sweeper = new ExpirySweeper(this::boundBackends, this::openedRoutes,
                () -> this.settings.changeLogRetentionMillis(), clock, logger);
        this.listeners = new StoreListeners(this, logger);
        this.indexes = new IndexLifecycle(this, logger);
        sweeper.schedule(settings.sweepIntervalMillis());
    }

    public Logger logger() {
        return logger;
    }

    public long nowMillis() {
        return clock.getAsLong();
    }

    public long operationTimeoutMillis() {
        return settings.operationTimeoutMillis();
    }

    public long drainTimeoutMillis() {
        return settings.drainTimeoutMillis();
    }

    public KernelSettings settings() {
        return settings;
    }

    /** The value transform services the stores' chains use (issue 18). */
    public TransformRegistry transforms() {
        return transforms;
    }

    /** The index function services the stores' secondary indexes use (issue 19). */
    public IndexFunctions indexFunctions() {
        return indexFunctions;
    }

    /** Creates and drops the stores' secondary indexes. */
    public IndexLifecycle indexes() {
        return indexes;
    }

    public synchronized void updateSettings(KernelSettings updated) {
        KernelSettings previous = settings;
        settings = updated;
        if (previous.sweepIntervalMillis() != updated.sweepIntervalMillis()) {
            sweeper.schedule(updated.sweepIntervalMillis());
        }
        if (!previous.defaultBackend().equals(updated.defaultBackend())) {
            reroute();
        }
    }

    public void onRoutesChanged(Runnable listener) {
        this.routesChanged = listener;
    }

    /** The listener hears of every store created from now on (and may hear of one twice, when two threads race). */
    public void onStoreKnown(Consumer<StoreRoute> listener) {
        this.storeKnown = listener;
    }

    /**
     * The configurations a store can reach now: the default, those routes and migrations name, and those the
     * stores opened so far are routed to. An instance of any other configuration serves nobody.
     */
    public Set<String> configurationsInUse() {
        Set<String> inUse = new HashSet<>();
        inUse.add(settings.defaultBackend());
        rules.forEach(rule -> inUse.add(rule.backend()));
        inUse.addAll(migratedStores.values());
        inUse.addAll(migrationsUsing.keySet());
        routes.values().forEach(route -> inUse.add(route.slot().configuration()));
        return inUse;
    }

    public synchronized void updateRules(Collection<RouteRule> updated) {
        rules = List.copyOf(updated);
        // A route naming a migrated store exactly takes over from the migration's own routing
        migratedStores.keySet().removeIf(label -> rules.stream().anyMatch(rule -> rule.namesExactly(label)));
        reroute();
    }

    /**
     * A migration begins to use the configuration, as its source or target: it needs an instance even if no store is
     * routed there (yet, or any more: the source's copy is deleted after the store has moved).
     */
    public void migrationUses(String configuration) {
        migrationsUsing.merge(configuration, 1, Integer::sum);
        routesChanged.run();
    }

    /** A migration no longer uses the configuration (it ended, or failed). */
    public void migrationNoLongerUses(String configuration) {
        migrationsUsing.computeIfPresent(configuration, (name, count) -> count == 1 ? null : count - 1);
        routesChanged.run();
    }

    /**
     * Whether a store migration uses the configuration now: its writes then reach the instance past the instance's
     * own gate, so a live hand-over of the instance would miss them.
     */
    public boolean isUsedByMigration(String configuration) {
        return migrationsUsing.containsKey(configuration);
    }

    /** Sends the store to the configuration at once, until a route naming exactly this store arrives. */
    public synchronized void routeMigratedStore(String namespace, String store, String configuration) {
        migratedStores.put(namespace + "/" + store, configuration);
        reroute();
    }

    public List<RouteRule> rules() {
        return rules;
    }

    /** A new handle on a store of a namespace, owned by {@code owner} (null for the kernel's own). */
    public KernelStore open(String namespace, String store, NamespaceService owner) {
        return open(route(namespace, store), owner);
    }

    /** A new handle on the store of the route: the one place handles are made. */
    public KernelStore open(StoreRoute route, NamespaceService owner) {
        return new KernelStore(route, this, owner);
    }

    /** The store's route, created on first use; names are validated here. */
    public StoreRoute route(String namespace, String store) {
        Names.requireNamespace(namespace);
        Names.requireStoreName(store);
        String label = namespace + "/" + store;
        StoreRoute known = routes.get(label);
        StoreRoute route = known != null ? known : routes.computeIfAbsent(label,
                created -> routed(new StoreRoute(namespace, store, slot(configurationFor(namespace, store)))));
        if (known == null) {
            routesChanged.run();
            storeKnown.accept(route);
            listeners.storeKnown(route);
        }
        // A rule change racing with the creation may have missed this route: check against the newest rules
        String configuration = configurationFor(namespace, store);
        if (!route.slot().configuration().equals(configuration)) {
            route.routeTo(slot(configuration));
        }
        TransformChain chain = chainFor(namespace, store);
        if (route.chain() != chain) {
            route.useChain(chain);
        }
        return route;
    }

    private StoreRoute routed(StoreRoute route) {
        route.useChain(chainFor(route.namespace, route.name));
        return route;
    }

    /** The slot of a backend configuration, created (unbound) on first mention. */
    public BackendSlot slot(String configuration) {
        return slots.computeIfAbsent(configuration, BackendSlot::new);
    }

    Collection<BackendSlot> slots() {
        return slots.values();
    }

    public Collection<StoreRoute> openedRoutes() {
        return routes.values();
    }

    /** {@link StoreRoute#awaitUngated} for every store routed to the slot; false if one timed out. */
    public boolean awaitUngated(BackendSlot slot, long timeoutMillis) {
        boolean all = true;
        for (StoreRoute route : routes.values()) {
            if (route.slot() == slot) {
                all &= route.awaitUngated(timeoutMillis);
            }
        }
        return all;
    }

    /**
     * Makes the backend serve its configuration, unless it holds data of a format this kernel does not know:
     * then the configuration fails with a clear error and the data is left untouched.
     */
    public boolean bind(String configuration, BoundBackend bound) {
        BackendSlot slot = slot(configuration);
        try {
            checkFormat(configuration, bound.backend());
        } catch (UnsupportedFormatException e) {
            logger.error(e.getMessage());
            slot.fail(e);
            return false;
        }
        slot.bind(bound);
        logger.info("backend configuration '{}' is served by {} {}", configuration, bound.type(), bound.version());
        return true;
    }

    public void unbind(String configuration) {
        BackendSlot slot = slots.get(configuration);
        if (slot != null) {
            slot.unbind();
        }
    }

    /** Stops routing to this backend instance, if it still serves the configuration. */
    public void unbind(String configuration, StorageBackend backend) {
        BackendSlot slot = slots.get(configuration);
        if (slot != null) {
            slot.unbind(backend);
        }
    }

    private void checkFormat(String configuration, StorageBackend backend) {
        byte[] format = backend.get(FORMAT_KEY);
        if (format == null && backend.putIfAbsent(FORMAT_KEY.clone(), FORMAT.clone(), 0)) {
            return;
        }
        format = format != null ? format : backend.get(FORMAT_KEY);
        if (Arrays.equals(format, LEGACY_FORMAT)) {
            upgrade(configuration, backend, format);
            return;
        }
        if (!Arrays.equals(format, FORMAT)) {
            throw new UnsupportedFormatException("backend configuration '" + configuration + "' holds data in format '"
                    + new String(format, StandardCharsets.UTF_8) + "', but this kernel reads only format '"
                    + new String(FORMAT, StandardCharsets.US_ASCII) + "'; the data was left untouched");
        }
    }

    /**
     * Moves format 1's keys under short store prefixes before the backend serves: its stores' operations wait
     * meanwhile, as for any instance not yet bound.
     */
    private void upgrade(String configuration, StorageBackend backend, byte[] legacyFormat) {
        logger.info("backend configuration '{}' holds data in format 1: upgrading its keys to format 2", configuration);
        long started = System.nanoTime();
        long moved = LegacyLayoutUpgrade.run(configuration, backend, clock);
        backend.replace(FORMAT_KEY.clone(), legacyFormat, FORMAT.clone(), 0);
        logger.info("backend configuration '{}' upgraded to format 2: {} entries moved in {} ms", configuration, moved,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Namespaces holding data in any bound ordered backend, sorted. */
    public List<String> namespaces() {
        TreeSet<String> namespaces = new TreeSet<>();
        for (BoundBackend bound : boundBackends()) {
            if (bound.can(Capability.ORDERED_SCAN)) {
                StoreCatalog.stores(bound.backend(), null).forEach(id -> namespaces.add(id.namespace()));
            }
        }
        return List.copyOf(namespaces);
    }

    /** Stores that hold data or were opened since the kernel started, by label. */
    public List<StoreRoute> knownRoutes() {
        TreeMap<String, StoreRoute> known = new TreeMap<>();
        openedRoutes().forEach(route -> known.put(route.label, route));
        for (StoreCatalog.StoreId id : stores(null)) {
            known.computeIfAbsent(id.label(), label -> route(id.namespace(), id.store()));
        }
        return List.copyOf(known.values());
    }

    /**
     * Stores holding data in the backend their route points to, sorted; {@code namespace} null for all.
     * A store whose data sits in a configuration it is no longer routed to is not listed.
     */
    public List<StoreCatalog.StoreId> stores(String namespace) {
        if (namespace != null) {
            Names.requireNamespace(namespace);
        }
        TreeSet<StoreCatalog.StoreId> stores = new TreeSet<>(
                Comparator.comparing(StoreCatalog.StoreId::namespace).thenComparing(StoreCatalog.StoreId::store));
        for (BackendSlot slot : slots.values()) {
            BoundBackend bound = slot.current();
            if (bound != null && bound.can(Capability.ORDERED_SCAN)) {
                for (StoreCatalog.StoreId id : StoreCatalog.stores(bound.backend(), namespace)) {
                    if (configurationFor(id.namespace(), id.store()).equals(slot.configuration())) {
                        stores.add(id);
                    }
                }
            }
        }
        return List.copyOf(stores);
    }

    /** The backend configuration a store is routed to: the most specific rule, else the default. */
    public String configurationFor(String namespace, String store) {
        String migrated = migratedStores.get(namespace + "/" + store);
        if (migrated != null) {
            return migrated;
        }
        RouteRule best = bestRule(namespace, store);
        return best != null ? best.backend() : settings.defaultBackend();
    }

    /** The transform chain of a store's most specific rule, or null: whatever configuration it is routed to. */
    public TransformChain chainFor(String namespace, String store) {
        RouteRule best = bestRule(namespace, store);
        return best != null ? best.transforms() : null;
    }

    private RouteRule bestRule(String namespace, String store) {
        RouteRule best = null;
        for (RouteRule rule : rules) {
            if (rule.matches(namespace, store) && (best == null || rule.specificity() > best.specificity())) {
                best = rule;
            }
        }
        return best;
    }

    private void reroute() {
        for (StoreRoute route : routes.values()) {
            route.routeTo(slot(configurationFor(route.namespace, route.name)));
            route.useChain(chainFor(route.namespace, route.name));
        }
        routesChanged.run();
    }

    List<BoundBackend> boundBackends() {
        List<BoundBackend> bound = new ArrayList<>();
        for (BackendSlot slot : slots.values()) {
            BoundBackend current = slot.current();
            if (current != null) {
                bound.add(current);
            }
        }
        return bound;
    }

    /** One sweep now, outside the schedule. */
    public long sweepExpired() {
        return sweeper.sweep();
    }

    boolean isSweeperStopped() {
        return sweeper.isStopped();
    }

    /** The whiteboard's store listeners, fed from the change logs of their stores. */
    public StoreListeners listeners() {
        return listeners;
    }

    /** Ends every change stream follower and waits for its thread, at most the drain timeout in all. */
    private void stopFollowers() {
        List<StreamFollower> stopped = new ArrayList<>();
        for (StoreRoute route : routes.values()) {
            StreamFollower follower = route.stopFollowing();
            if (follower != null) {
                stopped.add(follower);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainTimeoutMillis());
        try {
            for (StreamFollower follower : stopped) {
                if (!follower.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))) {
                    logger.warn("{} did not end within the drain timeout", follower);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        indexes.close();
        listeners.close();
        sweeper.close();
        stopFollowers();
        for (BackendSlot slot : slots.values()) {
            slot.unbind();
        }
    }
}
