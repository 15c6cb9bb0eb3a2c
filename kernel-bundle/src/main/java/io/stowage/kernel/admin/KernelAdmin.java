package io.stowage.kernel.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.Version;

import io.stowage.admin.BackupResult;
import io.stowage.admin.CacheStatistics;
import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ConfigurationStatistics;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.HotCopyResult;
import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.InstanceInfo;
import io.stowage.admin.Migration;
import io.stowage.admin.MoveResult;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.RestoreResult;
import io.stowage.admin.RewriteResult;
import io.stowage.admin.RouteTable;
import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.StowageListener;
import io.stowage.admin.Subscription;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.Store;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.metrics.StoreMeasure;
import io.stowage.kernel.migration.StoreBackups;
import io.stowage.kernel.migration.StoreMigrator;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.Names;
import io.stowage.kernel.store.StoreRewrite;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.spi.HotCopy;

/**
 * The operator API as one bundle sees it: every call goes to the kernel's shared parts; what is the bundle's own is
 * its subscriptions, which end when the bundle releases the service.
 */
final class KernelAdmin implements StowageAdmin {

    private final Kernel kernel;
    private final BackendInstances backendInstances;
    private final ConfigurationStates states;
    private final StoreMigrator migrator;
    private final StoreBackups backups;
    private final MigrationRuns migrations;
    private final Subscriptions subscriptions;
    private final AdminIndexes indexes;
    private final CacheSources cacheSources;

    KernelAdmin(Kernel kernel, BackendInstances backendInstances, ConfigurationStates states, StoreMigrator migrator,
            StoreBackups backups, MigrationRuns migrations, AdminListeners listeners, AdminIndexes indexes,
            CacheSources cacheSources) {
        this.kernel = kernel;
        this.backendInstances = backendInstances;
        this.states = states;
        this.migrator = migrator;
        this.backups = backups;
        this.migrations = migrations;
        this.subscriptions = new Subscriptions(listeners);
        this.indexes = indexes;
        this.cacheSources = cacheSources;
    }

    @Override
    public void awaitSettled() {
        backendInstances.settle();
    }

    @Override
    public List<ExtensionInfo> extensions() {
        return states.extensions();
    }

    @Override
    public List<ConfigurationInfo> configurations() {
        return states.configurations();
    }

    @Override
    public Optional<ConfigurationInfo> configuration(String name) {
        return configurations().stream().filter(configuration -> configuration.name().equals(name)).findFirst();
    }

    @Override
    public List<InstanceInfo> instances() {
        return states.instances();
    }

    @Override
    public RouteTable routes() {
        return new RouteTable(kernel.settings().defaultBackend(), kernel.rules().stream()
                .map(rule -> new RouteTable.Route(rule.namespace(), rule.store(), rule.backend(),
                        rule.transforms() == null ? "" : rule.transforms().toString())).toList());
    }

    @Override
    public List<String> namespaces() {
        return kernel.namespaces();
    }

    @Override
    public List<StoreId> stores(String namespace) {
        return kernel.stores(namespace).stream().map(id -> new StoreId(id.namespace(), id.store())).toList();
    }

    @Override
    public List<StoreId> knownStores() {
        return kernel.knownRoutes().stream().map(KernelAdmin::id).toList();
    }

    @Override
    public Store openStore(StoreId store) {
        return kernel.open(store.namespace(), store.store(), null);
    }

    @Override
    public Store existingStore(StoreId store) {
        return kernel.open(knownRoute(store), null);
    }

    @Override
    public StoreStatistics storeStatistics(StoreId store) {
        return statistics(knownRoute(store));
    }

    @Override
    public List<StoreStatistics> storeStatistics() {
        return kernel.knownRoutes().stream().map(KernelAdmin::statistics).toList();
    }

    @Override
    public List<CacheStatistics> cacheStatistics() {
        return cacheSources.statistics();
    }

    @Override
    public ConfigurationStatistics configurationStatistics(String configuration) {
        return new ConfigurationStatistics(configuration, TrafficFigures.of(kernel.slot(configuration).snapshot()),
                states.openStores(configuration));
    }

    @Override
    public Optional<StoreContents> measure(StoreId store) {
        StoreRoute route = knownRoute(store);
        if (route.slot().current() == null) {
            return Optional.empty();
        }
        try (KernelStore handle = kernel.open(route, null)) {
            return Optional.of(StoreMeasure.of(handle));
        }
    }

    @Override
    public MoveResult move(String configuration, String version) {
        Version target;
        try {
            target = version == null ? null : Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + version + "' is neither an OSGi version nor 'latest'");
        }
        backendInstances.switchTo(configuration, target);
        Optional<InstanceInfo> serving = instances().stream()
                .filter(instance -> instance.configuration().equals(configuration)).findFirst();
        String reason = serving.isPresent() ? "" : String.valueOf(kernel.slot(configuration).lastStartError());
        return new MoveResult(configuration, serving.orElse(null), reason);
    }

    @Override
    public Migration migrate(StoreId store, String targetConfiguration, boolean keepSource) {
        return migrations.start(store, targetConfiguration, keepSource, migrator);
    }

    @Override
    public RewriteResult rewrite(StoreId store, Consumer<RewriteResult> progress) {
        return new StoreRewrite(knownRoute(store), kernel).run(progress);
    }

    @Override
    public BackupResult backup(Path file, String selector) throws IOException {
        return backups.backup(file, selector);
    }

    @Override
    public RestoreResult restore(Path file, RestoreMode mode) throws IOException {
        return backups.restore(file, mode);
    }

    @Override
    public HotCopyResult hotCopy(String configuration, Path folder) {
        if (configurations().stream().noneMatch(c -> c.name().equals(configuration))) {
            throw new IllegalArgumentException("no backend configuration '" + configuration + "'");
        }
        long started = System.nanoTime();
        BoundBackend bound = kernel.slot(configuration).enter(kernel.operationTimeoutMillis(),
                "configuration '" + configuration + "'");
        try {
            if (!(bound.backend() instanceof HotCopy copy)) {
                throw new IllegalArgumentException("the " + bound.type() + " backend of configuration '"
                        + configuration + "' cannot copy its files; stowage:backup copies any store");
            }
            copy.copyTo(folder);
        } finally {
            bound.exit();
        }
        return new HotCopyResult(configuration, bound.type(), bound.version(), folder,
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public IndexInfo createIndex(StoreId store, String name, String function, boolean unique) {
        return indexes.create(store, name, function, unique);
    }

    @Override
    public boolean dropIndex(StoreId store, String name) {
        return indexes.drop(store, name);
    }

    @Override
    public List<IndexInfo> indexes() {
        return indexes.list();
    }

    @Override
    public Optional<IndexInfo> index(StoreId store, String name) {
        return indexes.one(store, name);
    }

    @Override
    public List<IndexStatistics> indexStatistics(StoreId store) {
        return indexes.statistics(knownRoute(store));
    }

    @Override
    public long sweepExpired() {
        return kernel.sweepExpired();
    }

    @Override
    public Subscription subscribe(StowageListener listener) {
        return subscriptions.add(listener);
    }

    /** The calling bundle released the service: its listeners stop hearing. */
    void release() {
        subscriptions.closeAll();
    }

    /** A store a bundle opened, or that holds data; right after a start, waits for its backend to list it. */
    private StoreRoute knownRoute(StoreId store) {
        Names.requireNamespace(store.namespace());
        Names.requireStoreName(store.store());
        String label = store.label();
        boolean opened = kernel.openedRoutes().stream().anyMatch(route -> route.label.equals(label));
        if (!opened) {
            // Right after a start the store's backend may not be bound yet: it cannot be listed before it is
            String configuration = kernel.configurationFor(store.namespace(), store.store());
            BoundBackend bound = kernel.slot(configuration).await(kernel.operationTimeoutMillis(), label);
            if (kernel.stores(store.namespace()).stream().noneMatch(id -> id.store().equals(store.store()))) {
                throw unknownStore(label, configuration, bound);
            }
        }
        return kernel.route(store.namespace(), store.store());
    }

    /**
     * A store routed away from the default names its configuration, which is empty for it: after a restart a memory
     * configuration is, while stowage:routes still lists the route (issue 13).
     */
    private UnknownStoreException unknownStore(String label, String configuration, BoundBackend bound) {
        if (configuration.equals(kernel.settings().defaultBackend())) {
            return new UnknownStoreException("unknown store " + label
                    + ": no bundle opened it and it holds no data (stowage:stores lists the stores)");
        }
        String routed = "unknown store " + label + ": routed to configuration '" + configuration
                + "', which holds no data for it, and no bundle opened it";
        return new UnknownStoreException(bound.isDurable() ? routed + " (stowage:routes lists the routes)"
                : routed + "; '" + configuration + "' is " + bound.type() + ", which keeps no data across a restart");
    }

    private static StoreStatistics statistics(StoreRoute route) {
        return new StoreStatistics(id(route), route.slot().configuration(),
                TrafficFigures.of(route.metrics.snapshot()), route.metrics.transactions.snapshot(),
                route.metrics.transforms.snapshot());
    }

    private static StoreId id(StoreRoute route) {
        return new StoreId(route.namespace, route.name);
    }
}
