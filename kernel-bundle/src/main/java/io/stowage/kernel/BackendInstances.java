package io.stowage.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.log.Logger;

import io.stowage.spi.StorageBackend;

/**
 * Decides which installed extension serves each backend configuration, and owns the instances: exactly one per
 * configuration, created through the extension's component factory and disposed of when the configuration goes,
 * changes, or its extension leaves. Disposing makes SCR call the instance's {@code @Deactivate}.
 *
 * <p>All decisions run on one thread, in the order the framework reported the changes, so SCR and ConfigAdmin
 * callbacks never wait on an instance being opened or closed.
 */
final class BackendInstances implements AutoCloseable {

    /** A live instance and what it was made from. */
    record Instance(BackendConfiguration configuration, Extension extension,
            ComponentInstance<StorageBackend> component, StorageBackend backend) {
    }

    private final Kernel kernel;
    private final BundleContext context;
    private final Logger logger;
    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stowage-backend-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    // Touched only on the lifecycle thread
    private final Map<Long, Extension> extensions = new HashMap<>();
    private final Map<String, BackendConfiguration> configurations = new HashMap<>();
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, ServiceRegistration<ManagedServiceFactory>> configurationListeners = new HashMap<>();
    private final Set<String> reportedClashes = new HashSet<>();
    /** Extensions whose bundle is stopping: reported synchronously, acted on in turn; never start an instance on them. */
    private final Set<Long> departed = ConcurrentHashMap.newKeySet();
    /** Failed starts in a row, per configuration name: the next try waits 1, 2, 4 ... up to 30 seconds. */
    private final Map<String, Integer> failedStarts = new HashMap<>();

    private volatile List<Extension> extensionView = List.of();
    private volatile List<BackendConfiguration> configurationView = List.of();
    private volatile Map<String, Instance> instanceView = Map.of();

    BackendInstances(Kernel kernel, BundleContext context, Logger logger) {
        this.kernel = kernel;
        this.context = context;
        this.logger = logger;
    }

    void extensionAdded(Extension extension) {
        submit(() -> {
            extensions.put(extension.serviceId(), extension);
            listenForConfigurations(extension);
            logger.info("storage extension {} installed", extension.label());
            reconcile();
        });
    }

    /**
     * Called while the extension's bundle stops: its instances end right here, on the stopping thread, while the
     * bundle's classes can still be loaded (after an update they cannot be, once the old revision is gone).
     * Replacements start later, on the lifecycle thread.
     */
    void extensionRemoved(long serviceId) {
        departed.add(serviceId);
        instanceView.values().stream()
                .filter(instance -> instance.extension().serviceId() == serviceId)
                .forEach(instance -> {
                    kernel.unbind(instance.configuration().name(), instance.backend());
                    dispose(instance.component());
                });
        submit(() -> {
            Extension extension = extensions.remove(serviceId);
            departed.remove(serviceId);
            if (extension != null) {
                logger.info("storage extension {} left", extension.label());
                reconcile();
            }
        });
    }

    void configurationUpdated(BackendConfiguration configuration) {
        submit(() -> {
            configurations.put(configuration.pid(), configuration);
            reconcile();
        });
    }

    void configurationDeleted(String pid) {
        submit(() -> {
            if (configurations.remove(pid) != null) {
                reconcile();
            }
        });
    }

    /** Waits until every change reported so far has been acted on. */
    void settle() {
        try {
            lifecycle.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("backend lifecycle did not settle", e);
        }
    }

    List<Extension> extensions() {
        return extensionView;
    }

    List<BackendConfiguration> configurations() {
        return configurationView;
    }

    Optional<Instance> instance(String configurationName) {
        return Optional.ofNullable(instanceView.get(configurationName));
    }

    private void reconcile() {
        for (Instance instance : new ArrayList<>(instances.values())) {
            BackendConfiguration current = configurationNamed(instance.configuration().name());
            Extension best = current == null ? null : bestExtensionFor(current);
            boolean stillRight = current != null && current.pid().equals(instance.configuration().pid())
                    && current.sameSettings(instance.configuration())
                    && best != null && best.serviceId() == instance.extension().serviceId();
            if (!stillRight) {
                end(instance);
            }
        }
        for (String name : configurations.values().stream().map(BackendConfiguration::name).distinct().toList()) {
            BackendConfiguration configuration = configurationNamed(name);
            if (!instances.containsKey(name)) {
                Extension best = bestExtensionFor(configuration);
                if (best != null) {
                    start(configuration, best);
                } else {
                    logger.info("backend configuration '{}' waits for a {} extension in {}", configuration.name(),
                            configuration.type(), configuration.versions());
                }
            }
        }
        publishViews();
    }

    /**
     * The configuration that owns a name. Two configurations may claim one name; the one already served keeps it,
     * else the lowest PID wins, and the other waits (logged) until the name is free again.
     */
    private BackendConfiguration configurationNamed(String name) {
        Instance serving = instances.get(name);
        List<BackendConfiguration> claims = configurations.values().stream()
                .filter(c -> c.name().equals(name))
                .sorted(Comparator.comparing(BackendConfiguration::pid)).toList();
        if (claims.isEmpty()) {
            return null;
        }
        BackendConfiguration owner = serving == null ? claims.get(0) : claims.stream()
                .filter(c -> c.pid().equals(serving.configuration().pid())).findFirst().orElse(claims.get(0));
        for (BackendConfiguration other : claims) {
            if (other != owner && reportedClashes.add(other.pid())) {
                logger.error("backend configuration {} waits: its name '{}' is already used by {}", other.pid(), name,
                        owner.pid());
            }
        }
        return owner;
    }

    private Extension bestExtensionFor(BackendConfiguration configuration) {
        return extensions.values().stream()
                .filter(extension -> extension.type().equals(configuration.type()))
                .filter(extension -> configuration.versions().includes(extension.version()))
                .max(Comparator.comparing(Extension::version).thenComparing(Extension::serviceId))
                .orElse(null);
    }

    private void start(BackendConfiguration configuration, Extension extension) {
        String name = configuration.name();
        if (isLeaving(extension)) {
            return; // its removal is queued and will pick another extension
        }
        ComponentInstance<StorageBackend> component = null;
        try {
            component = extension.factory().newInstance(configuration.instanceProperties());
            StorageBackend backend = component.getInstance();
            if (backend == null) {
                throw new IllegalStateException("the component factory returned no instance");
            }
            Instance instance = new Instance(configuration, extension, component, backend);
            instances.put(name, instance);
            // Published at once, and checked after: if the extension began to leave meanwhile, either its unbind
            // sees this instance and ends it, or this thread sees the departure and ends it
            publishViews();
            if (departed.contains(extension.serviceId())) {
                end(instance);
                return;
            }
            kernel.bind(name, new BoundBackend(backend, extension.type(), extension.version().toString()));
            failedStarts.remove(name);
        } catch (RuntimeException e) {
            String reason = rootCause(e).toString();
            if (isLeaving(extension)) {
                // The extension's bundle began to stop while the instance was made: not a fault, a retry follows
                logger.info("backend configuration '{}' not started on {}, which is leaving", name, extension.label());
            } else {
                logger.error("backend configuration '{}' could not start on {}: {}", name, extension.label(), reason);
                retryLater(name);
            }
            instances.remove(name);
            if (component != null) {
                dispose(component);
            }
            kernel.slot(name).startFailed("on " + extension.label() + ": " + reason);
        }
    }

    /** Its unbind was reported, or its bundle is stopping or stopped (the unbind is on its way). */
    private boolean isLeaving(Extension extension) {
        return departed.contains(extension.serviceId())
                || (extension.bundle().getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0;
    }

    /** A failed start may pass (a folder still being released, a service coming back): try again, backing off. */
    private void retryLater(String name) {
        int failures = failedStarts.merge(name, 1, Integer::sum);
        long delaySeconds = Math.min(30, 1L << Math.min(failures - 1, 5));
        try {
            lifecycle.schedule(() -> submit(this::reconcile), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            // the kernel is stopping
        }
    }

    /** SCR wraps what a backend's constructor threw; the innermost cause is what an operator needs. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void end(Instance instance) {
        String name = instance.configuration().name();
        kernel.unbind(name);
        instances.remove(name);
        dispose(instance.component());
        logger.info("backend configuration '{}' no longer served by {}", name, instance.extension().label());
    }

    private void dispose(ComponentInstance<StorageBackend> component) {
        try {
            component.dispose();
        } catch (RuntimeException e) {
            // SCR may have disposed of it already, when the extension's bundle stopped
            logger.debug("disposing a backend instance failed: {}", e.toString());
        }
    }

    private void listenForConfigurations(Extension extension) {
        String pid = extension.configurationPid();
        if (pid == null || configurationListeners.containsKey(pid)) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, pid);
        properties.put(Constants.SERVICE_DESCRIPTION, "Stowage " + extension.type() + " backend configurations");
        configurationListeners.put(pid, context.registerService(ManagedServiceFactory.class,
                new BackendConfigurations(this, extension.type(), logger), properties));
    }

    private void publishViews() {
        extensionView = extensions.values().stream()
                .sorted(Comparator.comparing(Extension::type).thenComparing(Extension::version)).toList();
        configurationView = configurations.values().stream()
                .sorted(Comparator.comparing(BackendConfiguration::name)).toList();
        instanceView = Map.copyOf(instances);
    }

    private void submit(Runnable change) {
        try {
            lifecycle.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    logger.error("backend lifecycle change failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The kernel has stopped: DS unbinds references and ConfigAdmin may call after deactivation
        }
    }

    /** Ends every instance and stops listening; returns when all instances were disposed of. */
    @Override
    public void close() {
        Future<?> done = lifecycle.submit(() -> {
            new ArrayList<>(instances.values()).forEach(this::end);
            configurationListeners.values().forEach(registration -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework unregisters it when the kernel bundle stops
                }
            });
            configurationListeners.clear();
            publishViews();
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            logger.error("ending backend instances failed", e);
        }
        lifecycle.shutdown();
        try {
            lifecycle.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
