package io.stowage.kernel.instance;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.log.Logger;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.migration.Migration;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.admin.InstanceState;
import io.stowage.spi.StorageBackend;

/**
 * Decides which installed extension serves each backend configuration, and owns the instances: exactly one per
 * configuration, created through the extension's component factory and disposed of when the configuration goes,
 * changes, or its extension leaves. Disposing makes SCR call the instance's {@code @Deactivate}.
 *
 * <p>All decisions run on one thread, in the order the framework reported the changes, so SCR and ConfigAdmin
 * callbacks never wait on an instance being opened or closed.
 *
 * <p>An instance ends in two steps. It is <em>retired</em> first: unbound, so new operations wait for the next
 * instance; drained, so the operations running on it finish (bounded); and, if its backend is volatile, its
 * contents copied out as a {@link HandOver} for the next instance of its configuration. Then it is disposed of.
 * When an extension's bundle stops, SCR deactivates the instances (on the bundle's STOPPING event) before it
 * unregisters the factory, so the kernel retires them earlier: from a bundle event hook, which the framework calls
 * before it delivers the event to any listener, SCR's included.
 */
public final class BackendInstances implements AutoCloseable {

    /** A live instance and what it was made from. */
    public record Instance(long id, BackendConfiguration configuration, Extension extension,
            ComponentInstance<StorageBackend> component, BoundBackend bound) {

        StorageBackend backend() {
            return bound.backend();
        }
    }

    private final Kernel kernel;
    private final BundleContext context;
    private final Logger logger;
    private volatile Thread lifecycleThread;
    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stowage-backend-lifecycle");
        lifecycleThread = thread;
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
    /** Instances retired, by id; retiring happens once, on whichever thread comes first. */
    private final Set<Long> retired = ConcurrentHashMap.newKeySet();
    /** Contents of ended volatile instances, per configuration name, until the next instance takes them. */
    private final HandOvers handOvers;
    /** Versions operators switched configurations to (stowage:switch), by configuration name. */
    private final Map<String, Version> chosenVersions = new HashMap<>();
    private long nextInstanceId = 1;

    private volatile List<Extension> extensionView = List.of();
    private volatile List<BackendConfiguration> configurationView = List.of();
    private volatile Map<String, Instance> instanceView = Map.of();
    /** Told, on the lifecycle thread, whenever the views were published: configurations may have come or gone. */
    private volatile Runnable viewsPublished = () -> { };

    public BackendInstances(Kernel kernel, BundleContext context, Logger logger) {
        this.kernel = kernel;
        this.context = context;
        this.logger = logger;
        this.handOvers = new HandOvers(logger);
        kernel.onRoutesChanged(() -> submit(this::reconcile));
    }

    /**
     * A bundle is about to stop (for a stop, an update, a refresh or an uninstall), and SCR, which hears of it next,
     * will deactivate its instances: the last moment at which the kernel can drain them and copy their contents out.
     * Runs on the thread stopping the bundle.
     */
    public void bundleStopping(Bundle bundle) {
        instanceView.values().stream()
                .filter(instance -> instance.extension().bundle().getBundleId() == bundle.getBundleId())
                .forEach(instance -> retire(instance, true));
    }

    public void extensionAdded(Extension extension) {
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
    public void extensionRemoved(long serviceId) {
        departed.add(serviceId);
        instanceView.values().stream()
                .filter(instance -> instance.extension().serviceId() == serviceId)
                .forEach(instance -> {
                    retire(instance, true);
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
            handOvers.dropFor(pid);
        });
    }

    /** Waits until every change reported so far has been acted on. */
    public void settle() {
        if (Thread.currentThread() == lifecycleThread) {
            return; // a listener told of a change on the lifecycle thread: everything before it was acted on
        }
        try {
            lifecycle.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("backend lifecycle did not settle", e);
        }
    }

    public List<Extension> extensions() {
        return extensionView;
    }

    public void onViewsPublished(Runnable listener) {
        this.viewsPublished = listener;
    }

    public List<BackendConfiguration> configurations() {
        return configurationView;
    }

    public Optional<Instance> instance(String configurationName) {
        return Optional.ofNullable(instanceView.get(configurationName));
    }

    /**
     * Brings the instances in line: one per configuration that a store can reach (see
     * {@link Kernel#configurationsInUse()}), on the extension that should serve it. An instance no store can reach
     * is released at once, unless it is volatile and still holds stores' data.
     */
    private void reconcile() {
        Set<String> inUse = kernel.configurationsInUse();
        for (Instance instance : new ArrayList<>(instances.values())) {
            BackendConfiguration current = configurationNamed(instance.configuration().name());
            Extension best = current == null ? null : bestExtensionFor(current);
            boolean stillRight = current != null && current.pid().equals(instance.configuration().pid())
                    && current.sameSettings(instance.configuration())
                    && best != null && best.serviceId() == instance.extension().serviceId();
            if (!stillRight) {
                // Another extension or new settings take the same data over; a configuration that went takes it along
                boolean continues = current != null && current.pid().equals(instance.configuration().pid());
                boolean switchedLive = continues && current.sameSettings(instance.configuration()) && best != null
                        && !instance.bound().isDurable() && !isLeaving(instance.extension()) && !isLeaving(best)
                        && switchLive(instance, current, best);
                if (!switchedLive) {
                    end(instance, continues);
                }
            } else if (!inUse.contains(current.name()) && !holdsStoreData(instance)) {
                end(instance, false);
                logger.info("backend configuration '{}' released: no store is routed to it", current.name());
            }
        }

        for (String name : configurations.values().stream().map(BackendConfiguration::name).distinct().toList()) {
            BackendConfiguration configuration = configurationNamed(name);
            if (!instances.containsKey(name) && inUse.contains(name)) {
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

    /**
     * Which installed extension should serve the configuration: the version an operator switched it to, while that
     * is installed and in range; else, for a pinned configuration, the one serving it now, while installed; else
     * the highest version in range.
     */
    private Extension bestExtensionFor(BackendConfiguration configuration) {
        List<Extension> candidates = extensions.values().stream()
                .filter(extension -> extension.type().equals(configuration.type()))
                .filter(extension -> configuration.versions().includes(extension.version()))
                .sorted(Comparator.comparing(Extension::version).thenComparing(Extension::serviceId))
                .toList();
        Version chosen = chosenVersions.get(configuration.name());
        if (chosen != null) {
            for (int i = candidates.size() - 1; i >= 0; i--) {
                if (candidates.get(i).version().equals(chosen)) {
                    return candidates.get(i);
                }
            }
        }
        Instance serving = instances.get(configuration.name());
        if (configuration.pinned() && serving != null && candidates.contains(serving.extension())) {
            return serving.extension();
        }
        return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
    }

    /**
     * Moves the configuration to the installed extension of that version (make before break: the new instance
     * starts as soon as the old one is retired), or back to its policy with {@code null}. The choice stays until
     * the next switch; while that version is not installed, the policy decides.
     */
    public String switchTo(String name, Version version) {
        Future<String> done = lifecycle.submit(() -> {
            BackendConfiguration configuration = configurationNamed(name);
            if (configuration == null) {
                throw new IllegalArgumentException("no backend configuration is named '" + name + "'");
            }
            if (version == null) {
                chosenVersions.remove(name);
            } else {
                List<Version> installed = extensions.values().stream()
                        .filter(extension -> extension.type().equals(configuration.type()))
                        .map(Extension::version).sorted().toList();
                if (!installed.contains(version)) {
                    throw new IllegalArgumentException("no " + configuration.type() + " extension " + version
                            + " is installed; installed versions: " + installed);
                }
                if (!configuration.versions().includes(version)) {
                    throw new IllegalArgumentException("version " + version + " is outside the range "
                            + configuration.versions() + " of configuration '" + name + "'; change its 'version' "
                            + "property first");
                }
                chosenVersions.put(name, version);
            }
            reconcile();
            Instance serving = instances.get(name);
            return serving == null
                    ? "configuration '" + name + "' is not served: " + kernel.slot(name).lastStartError()
                    : "configuration '" + name + "' is served by " + serving.extension().label();
        });
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching configuration '" + name + "'", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("switching configuration '" + name + "' did not finish within 60 s", e);
        }
    }

    private void start(BackendConfiguration configuration, Extension extension) {
        String name = configuration.name();
        if (isLeaving(extension)) {
            return; // its removal is queued and will pick another extension
        }
        ComponentInstance<StorageBackend> component = null;
        HandOver taken = null;
        try {
            long id = nextInstanceId++;
            component = extension.factory().newInstance(configuration.instanceProperties());
            StorageBackend backend = component.getInstance();
            if (backend == null) {
                throw new IllegalStateException("the component factory returned no instance");
            }
            BoundBackend bound = new BoundBackend(backend, extension.type(), extension.version().toString());
            Instance instance = new Instance(id, configuration, extension, component, bound);
            instances.put(name, instance);
            // Published at once, and checked after: if the extension's bundle began to stop meanwhile, either the
            // stopping hook sees this instance and retires it, or this thread sees the bundle stopping (its state
            // changes before the hook runs) and ends it; else SCR could end an instance serving writes unretired
            publishViews();
            if (isLeaving(extension)) {
                end(instance, false);
                return;
            }
            taken = handOvers.take(configuration, backend, () -> retired.contains(id));
            kernel.bind(name, bound);
            if (retired.contains(id)) {
                // Retired while it started (its extension is leaving): whatever it took over was kept for the next
                kernel.unbind(name, backend);
                return;
            }
            failedStarts.remove(name);
        } catch (RuntimeException e) {
            String reason = startFailure(e);
            if (isLeaving(extension)) {
                // The extension's bundle began to stop while the instance was made: not a fault, a retry follows
                logger.info("backend configuration '{}' not started on {}, which is leaving", name, extension.label());
            } else {
                logger.error("backend configuration '{}' could not start on {}: {}", name, extension.label(), reason);
                retryLater(name);
            }
            instances.remove(name);
            if (taken != null) {
                handOvers.putBack(name, taken);
            }
            if (component != null) {
                dispose(component);
            }
            kernel.slot(name).startFailed("on " + extension.label() + ": " + reason);
        }
    }

    /**
     * Make before break for a volatile backend moving to another extension while both are installed: the new
     * instance is made beside the serving one, the contents are copied over live (writes mirrored, as a store
     * migration does), and the configuration switches with no operation in flight; the old instance ends
     * afterwards. Operations wait only while one page is copied and for the switch itself, however large the data.
     * Two instances of one configuration exist meanwhile, which is safe only for volatile backends. Returns false,
     * having changed nothing, if the switch could not be made (the caller then ends and starts as usual).
     */
    private boolean switchLive(Instance old, BackendConfiguration configuration, Extension next) {
        String name = configuration.name();
        BackendSlot slot = kernel.slot(name);
        BoundBackend serving = slot.current();
        if (serving == null || serving.backend() != old.backend()) {
            return false;
        }
        long started = System.nanoTime();
        ComponentInstance<StorageBackend> component = null;
        try {
            component = next.factory().newInstance(configuration.instanceProperties());
            StorageBackend backend = component.getInstance();
            BoundBackend bound = new BoundBackend(backend, next.type(), next.version().toString());
            BackendSlot staging = new BackendSlot(name);
            staging.bind(bound);
            Migration copying = new Migration(slot, staging, "configuration " + name, kernel.operationTimeoutMillis());
            slot.startMigration(copying);
            if (!kernel.awaitUngated(slot, kernel.drainTimeoutMillis())) {
                throw new IllegalStateException("operations begun before the switch still ran after "
                        + kernel.drainTimeoutMillis() + " ms");
            }
            Runnable stillPossible = () -> {
                if (retired.contains(old.id()) || isLeaving(old.extension()) || isLeaving(next)) {
                    throw new IllegalStateException("an extension began to leave");
                }
                if (copying.mirrorFailure() != null) {
                    throw copying.mirrorFailure();
                }
            };
            long copied = copying.copy(HandOver.FIRST_KEY, null, kernel::nowMillis, stillPossible, count -> { });
            copying.exclusively(() -> {
                stillPossible.run();
                slot.bind(bound);
                copying.markSwitched();
            });
            slot.endMigration();
            Instance instance = new Instance(nextInstanceId++, configuration, next, component, bound);
            instances.put(name, instance);
            publishViews();
            // Nothing runs on the old instance any more: the switch waited for every operation in flight
            retire(old, false);
            dispose(old.component());
            retired.remove(old.id());
            logger.info("backend configuration '{}' switched live from {} to {}: {} entries copied in {} ms", name,
                    old.extension().label(), next.label(), copied,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return true;
        } catch (RuntimeException e) {
            slot.endMigration();
            if (component != null) {
                dispose(component);
            }
            logger.info("backend configuration '{}': no live switch to {} ({}); it ends and starts instead", name,
                    next.label(), e.toString());
            return false;
        }
    }

    /** A volatile instance holding stores' data is still used by those stores, routed or not. */
    private boolean holdsStoreData(Instance instance) {
        if (instance.bound().isDurable()) {
            return false;
        }
        try {
            return !instance.backend().scan(KeyCodec.FIRST_NAMESPACE_KEY, null, 1).isEmpty();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Where the configuration stands: failed while its slot refuses the data's format; else, with an instance,
     * serving, starting (made, not yet bound) or ending (retired); without one, waiting when a store needs it (for
     * an extension, or to retry a failed start) or unused.
     */
    public InstanceStatus status(BackendConfiguration configuration) {
        String name = configuration.name();
        BackendSlot slot = kernel.slot(name);
        Instance instance = instanceView.get(name);
        BoundBackend bound = instance == null ? null : instance.bound();
        if (slot.failure() != null) {
            return new InstanceStatus(InstanceState.FAILED, slot.failure().getMessage(), false, bound);
        }
        if (bound != null) {
            InstanceState state = bound.isRetired() ? InstanceState.ENDING
                    : slot.current() == bound ? InstanceState.SERVING : InstanceState.STARTING;
            return new InstanceStatus(state, "", false, bound);
        }
        if (isInUse(name)) {
            String error = slot.lastStartError();
            return error != null
                    ? new InstanceStatus(InstanceState.WAITING, "start failed " + error, true, null)
                    : new InstanceStatus(InstanceState.WAITING, "waits for a " + configuration.type()
                            + " extension in " + configuration.versions(), false, null);
        }
        return new InstanceStatus(InstanceState.UNUSED, "no store is routed to it", false, null);
    }

    /** Whether some store can reach the configuration now. */
    public boolean isInUse(String configurationName) {
        return kernel.configurationsInUse().contains(configurationName);
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
    /** What an operator reads of a failed start: SCR's exception for a failed constructor carries no cause. */
    private static String startFailure(RuntimeException e) {
        Throwable root = rootCause(e);
        if (root instanceof ComponentException) {
            return root + " (the extension's own exception is logged just before this)";
        }
        return root.toString();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void end(Instance instance, boolean handOver) {
        String name = instance.configuration().name();
        retire(instance, handOver);
        instances.remove(name);
        dispose(instance.component());
        retired.remove(instance.id());
        logger.info("backend configuration '{}' no longer served by {}", name, instance.extension().label());
    }

    /**
     * Stops routing to the instance, waits (bounded) for the operations running on it, and, if asked and its
     * backend is volatile, copies its contents out for the next instance. Runs once per instance.
     */
    private void retire(Instance instance, boolean handOver) {
        if (!retired.add(instance.id())) {
            return;
        }
        String name = instance.configuration().name();
        BoundBackend bound = instance.bound();
        kernel.unbind(name, bound.backend());
        long started = System.nanoTime();
        if (!bound.inFlight().close(kernel.drainTimeoutMillis())) {
            logger.warn("backend configuration '{}': {} operations still ran on the ending instance of {} after {} ms",
                    name, bound.inFlight().running(), instance.extension().label(), kernel.drainTimeoutMillis());
        }
        // Again: a start binding it meanwhile checks for retirement only after binding
        kernel.unbind(name, bound.backend());
        if (handOver && !bound.isDurable()) {
            handOvers.keep(name, instance.configuration().pid(), bound.backend(), instance.extension().label(),
                    started);
        }
    }

    private void dispose(ComponentInstance<StorageBackend> component) {
        try {
            component.dispose();
        } catch (RuntimeException e) {
            // SCR may have disposed of it already, when the extension's bundle stopped
            logger.debug("disposing a backend instance failed: {}", e.toString());
        }
    }

    /** Takes back what {@link #close(HandOverFolder)} saved: the next instances load it. */
    public void restoreHandOvers(HandOverFolder folder) {
        handOvers.restore(folder);
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
        viewsPublished.run();
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
        close(null);
    }

    /**
     * Ends every instance; with a folder, the contents of volatile ones (and hand-overs not yet taken) are saved
     * there first, for {@link #restoreHandOvers(HandOverFolder)} after the kernel's restart.
     */
    public void close(HandOverFolder keepVolatileIn) {
        Future<?> done = lifecycle.submit(() -> {
            new ArrayList<>(instances.values()).forEach(instance -> end(instance, keepVolatileIn != null));
            if (keepVolatileIn != null) {
                handOvers.save(keepVolatileIn);
            }
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
