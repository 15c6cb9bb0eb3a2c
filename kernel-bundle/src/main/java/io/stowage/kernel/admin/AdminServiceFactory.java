package io.stowage.kernel.admin;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import io.stowage.admin.CacheStatisticsSource;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinitionStore;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.migration.StoreBackups;
import io.stowage.kernel.migration.StoreMigrator;

/**
 * The operator API's registration: it owns what every bundle's view shares (listeners, running migrations) and gives
 * each bundle a view of its own, so that the bundle's subscriptions end when it lets the API go.
 */
public final class AdminServiceFactory implements ServiceFactory<StowageAdmin>, AutoCloseable {

    private final Kernel kernel;
    private final BackendInstances instances;
    private final ConfigurationStates states;
    private final StoreMigrator migrator;
    private final StoreBackups backups;
    private final MigrationRuns migrations;
    private final AdminListeners listeners;
    private final AdminIndexes indexes;
    private final CacheSources cacheSources;

    /** With the indexes the operator creates kept only as long as the kernel (tests outside a framework). */
    public AdminServiceFactory(Kernel kernel, BackendInstances instances, StoreMigrator.RouteStore routes,
            Logger logger) {
        this(kernel, instances, routes, IndexDefinitionStore.NONE, logger);
    }

    public AdminServiceFactory(Kernel kernel, BackendInstances instances, StoreMigrator.RouteStore routes,
            IndexDefinitionStore savedIndexes, Logger logger) {
        this.kernel = kernel;
        this.instances = instances;
        this.states = new ConfigurationStates(kernel, instances);
        this.migrator = new StoreMigrator(kernel, routes);
        this.backups = new StoreBackups(kernel);
        this.migrations = new MigrationRuns(kernel, logger);
        this.listeners = new AdminListeners(logger);
        this.indexes = new AdminIndexes(kernel, savedIndexes);
        this.cacheSources = new CacheSources(logger);
        kernel.onStoreKnown(route -> listeners.storeKnown(new StoreId(route.namespace, route.name)));
        instances.onViewsPublished(listeners::configurationsChanged);
    }

    /** A view of the API that is no bundle's own: for the kernel's own use and tests outside a framework. */
    public StowageAdmin view() {
        return new KernelAdmin(kernel, instances, states, migrator, backups, migrations, listeners, indexes,
                cacheSources);
    }

    /** A bundle registered a cache statistics source: operator tools report its caches from now on. */
    public void addCacheSource(CacheStatisticsSource source) {
        cacheSources.add(source);
    }

    public void removeCacheSource(CacheStatisticsSource source) {
        cacheSources.remove(source);
    }

    @Override
    public StowageAdmin getService(Bundle bundle, ServiceRegistration<StowageAdmin> registration) {
        return view();
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<StowageAdmin> registration, StowageAdmin service) {
        ((KernelAdmin) service).release();
    }

    /** Cancels the migrations still running and waits for their threads; the kernel's backends end after this. */
    @Override
    public void close() {
        migrations.close();
    }
}
