package io.stowage.kernel.osgi;

import java.io.File;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.admin.CacheStatisticsSource;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.StorageService;
import io.stowage.api.StoreListener;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelSettings;
import io.stowage.kernel.admin.AdminServiceFactory;
import io.stowage.kernel.index.ConfigAdminIndexes;
import io.stowage.kernel.index.IndexConfigurations;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.instance.Extension;
import io.stowage.kernel.instance.HandOverFolder;
import io.stowage.kernel.migration.ConfigAdminRoutes;
import io.stowage.kernel.routing.StoreRouteConfigurations;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.ValueTransform;

/**
 * The kernel in the framework: hides the extensions from other bundles, tracks them, serves each bundle its
 * namespace, and offers the operator API that the shell, JMX and health bundles use. Deactivation ends every backend
 * instance and stops every thread.
 */
// Both services are registered by hand (service factories); declared so that resolvers that enforce service
// requirements, such as Karaf's, know that bundles referring to them find them here
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.stowage.admin.StowageAdmin",
        uses = StowageAdmin.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.stowage.api.StorageService",
        uses = StorageService.class)
@Component(immediate = true, service = {}, configurationPid = KernelComponent.PID)
@Designate(ocd = KernelConfig.class)
public final class KernelComponent {

    static final String PID = "io.stowage.kernel";
    private static final String HAND_OVER_FOLDER = "hand-over";

    private final Kernel kernel;
    private final BackendInstances instances;
    private final List<ServiceRegistration<?>> registrations;
    private final BundleContext context;
    /** In the kernel bundle's data area, which an update keeps and an uninstall deletes. */
    private final HandOverFolder handOverFolder;
    /** The operator API, which the shell, JMX and health bundles use. */
    private final AdminServiceFactory admin;
    private final Logger logger;

    @Activate
    public KernelComponent(KernelConfig config, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger logger, @Reference ConfigurationAdmin configurationAdmin) {
        // Settings first: a bad configuration must fail before anything is registered
        this.kernel = new Kernel(settings(config), System::currentTimeMillis, logger);
        this.instances = new BackendInstances(kernel, context, logger);
        this.context = context;
        this.logger = logger;
        File folder = context.getDataFile(HAND_OVER_FOLDER);
        this.handOverFolder = folder == null ? null : new HandOverFolder(folder.toPath(), logger);
        if (handOverFolder != null) {
            instances.restoreHandOvers(handOverFolder);
        }
        String watchedFolder = context.getProperty(ConfigAdminRoutes.FILE_INSTALL_FOLDER);
        this.admin = new AdminServiceFactory(kernel, instances, new ConfigAdminRoutes(configurationAdmin,
                watchedFolder), new ConfigAdminIndexes(configurationAdmin, watchedFolder), logger);
        List<ServiceRegistration<?>> registered = new ArrayList<>();
        try {
            registered.add(context.registerService(
                    new String[] {FindHook.class.getName(), EventListenerHook.class.getName()},
                    new BackendServiceHiding(context.getBundle()), null));
            registered.add(context.registerService(EventHook.class, new BundleStoppingHook(instances), null));
            StoreRouteConfigurations routes = new StoreRouteConfigurations(kernel);
            // Before any store is opened: ConfigAdmin delivers routes later, and meanwhile stores would go to the
            // default backend (right after a kernel update, writes would land in the wrong configuration)
            routes.loadExisting(configurationAdmin);
            registered.add(context.registerService(ManagedServiceFactory.class, routes,
                    properties(Constants.SERVICE_PID, StoreRouteConfigurations.FACTORY_PID)));
            IndexConfigurations indexes = new IndexConfigurations(kernel);
            // As for routes: before any store is written, so that no write skips an index it has
            indexes.loadExisting(configurationAdmin);
            registered.add(context.registerService(ManagedServiceFactory.class, indexes,
                    properties(Constants.SERVICE_PID, IndexConfigurations.FACTORY_PID)));
            registered.add(context.registerService(StowageAdmin.class.getName(), admin, null));
            registered.add(context.registerService(StorageService.class, new StorageServiceFactory(kernel), null));
        } catch (RuntimeException e) {
            unregister(registered);
            admin.close();
            instances.close();
            kernel.close();
            throw e;
        }
        this.registrations = List.copyOf(registered);
    }

    @Modified
    void modified(KernelConfig config) {
        kernel.updateSettings(settings(config));
    }

    @Reference(service = ComponentFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + ComponentConstants.COMPONENT_FACTORY + "="
                    + BackendFactory.FACTORY + ")")
    void addExtension(ServiceReference<ComponentFactory<StorageBackend>> reference,
            ComponentFactory<StorageBackend> factory) {
        Object type = reference.getProperty(BackendFactory.TYPE);
        Object pid = reference.getProperty(BackendFactory.CONFIGURATION_PID);
        Version version = reference.getBundle().getVersion();
        instances.extensionAdded(new Extension((Long) reference.getProperty(Constants.SERVICE_ID),
                type == null ? reference.getBundle().getSymbolicName() : type.toString(),
                pid == null ? null : pid.toString(), version, reference.getBundle(), factory));
    }

    void removeExtension(ServiceReference<ComponentFactory<StorageBackend>> reference) {
        instances.extensionRemoved((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    /** Value transforms by type and version (the bundle's); the chains of the stores' routes use them by type. */
    @Reference(service = ValueTransform.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + ValueTransform.TYPE + "=*)")
    void addTransform(ServiceReference<ValueTransform> reference, ValueTransform transform) {
        try {
            kernel.transforms().add(transform, versionOf(reference));
            logger.info("value transform '{}' {} is registered", transform.type(), reference.getBundle().getVersion());
        } catch (RuntimeException e) {
            logger.error("value transform of bundle {} is not used: {}", reference.getBundle().getSymbolicName(),
                    e.getMessage());
        }
    }

    void removeTransform(ValueTransform transform) {
        kernel.transforms().remove(transform);
    }

    /** Index functions by type and version (the bundle's); the stores' secondary indexes use them by type. */
    @Reference(service = IndexFunction.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + IndexFunction.TYPE + "=*)")
    void addIndexFunction(ServiceReference<IndexFunction> reference, IndexFunction function) {
        try {
            kernel.indexFunctions().add(function, versionOf(reference));
            logger.info("index function '{}' {} is registered", function.type(), reference.getBundle().getVersion());
        } catch (RuntimeException e) {
            logger.error("index function of bundle {} is not used: {}", reference.getBundle().getSymbolicName(),
                    e.getMessage());
        }
    }

    void removeIndexFunction(IndexFunction function) {
        kernel.indexFunctions().remove(function);
    }

    /**
     * Store listeners of the whiteboard, each confined to the namespace of the bundle that registered it: its
     * symbolic name, as for the storage service it gets.
     */
    @Reference(service = StoreListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<StoreListener> reference, StoreListener listener) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        String namespace = reference.getBundle().getSymbolicName();
        try {
            kernel.listeners().add(namespace, listener, properties);
        } catch (RuntimeException e) {
            logger.error("store listener {} of bundle {} gets no changes: {}", listener, namespace, e.getMessage());
        }
    }

    void removeListener(StoreListener listener) {
        kernel.listeners().remove(listener);
    }

    /** Caches over stores (the JCache provider's): operator tools show them through the operator API. */
    @Reference(service = CacheStatisticsSource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addCacheSource(CacheStatisticsSource source) {
        admin.addCacheSource(source);
    }

    void removeCacheSource(CacheStatisticsSource source) {
        admin.removeCacheSource(source);
    }

    @Deactivate
    void deactivate() {
        unregister(registrations);
        admin.close();
        // The kernel alone stops (an update, a refresh): keep the volatile backends' contents for its next start.
        // The framework stops: they go, as a memory backend's contents always do with the process
        boolean frameworkStopping = context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STOPPING;
        instances.close(frameworkStopping ? null : handOverFolder);
        kernel.close();
    }

    private static void unregister(List<ServiceRegistration<?>> registrations) {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
    }

    /** The version of the bundle that registered the service. */
    private static TransformVersion versionOf(ServiceReference<?> reference) {
        Version version = reference.getBundle().getVersion();
        return new TransformVersion(version.getMajor(), version.getMinor(), version.getMicro(),
                version.getQualifier());
    }

    private static KernelSettings settings(KernelConfig config) {
        return new KernelSettings(config.defaultBackend(), config.operationTimeoutMillis(),
                TimeUnit.SECONDS.toMillis(config.sweepIntervalSeconds()), config.drainTimeoutMillis(),
                config.transactionAttempts(), config.transactionBackoffMillis(), config.changeLogSize(),
                TimeUnit.SECONDS.toMillis(config.changeLogRetentionSeconds()));
    }

    private static Dictionary<String, Object> properties(String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }
}
