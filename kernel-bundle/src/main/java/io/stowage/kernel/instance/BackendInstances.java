package io.stowage.kernel.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.log.Logger;

import io.stowage.api.StorageFullException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.StorageBackend;

/**
 * Decides which installed extension serves each backend configuration, and owns the instances: exactly one per
 * configuration, created through the extension's component factory and disposed of when the configuration goes,
 * changes, or its extension leaves. Disposing makes SCR call the instance's {@code @Deactivate}.
 *
 * <p>All decisions run on one thread ({@link LifecycleThread}), in the order the framework reported the changes, so
 * SCR and ConfigAdmin callbacks never wait on an instance being opened or closed.
 *
 * <p>An instance ends in two steps. It is <em>retired</em> first: unbound, so new operations wait for the next
 * instance (or, while its bundle restarts, are served by the kernel's live copy of it: {@link StandIn}); drained, so the operations running on it finish (bounded); and, if its backend is volatile, its
 * contents copied out as a {@link HandOver} for the next instance of its configuration (live, before it is unbound,
 * where it can be: {@link LiveHandOver}), which serves them at once and loads them in the background
 * ({@link HandOverOverlay}). Then it is disposed of.
 * When an extension's bundle stops, SCR deactivates the instances (on the bundle's STOPPING event) before it
 * unregisters the factory, so the kernel retires them earlier: from a bundle event hook, which the framework calls
 * before it delivers the event to any listener, SCR's included.
 *
 * <p>This class is the lifecycle thread's coordinator (reconcile, start, end, retire); the choice of extension is
 * {@link ExtensionChoice}'s, the live switch {@link LiveSwitch}'s, the ConfigAdmin listeners
 * {@link ConfigurationListeners}', retries after a failed start {@link FailedStarts}', and the kept contents
 * {@link HandOvers}'. All of them run on the lifecycle thread; only retiring instances (and, for an extension that
 * leaves, disposing of them) may also run on the thread stopping the extension's bundle.
 */
public final class BackendInstances implements AutoCloseable {

    /**
     * A hand-over this small is loaded before the instance serves (about 20 ms): then a refusal (a key limit below
     * the data) fails the start before any write could pass the limit, as it always did. Larger ones load in the
     * background, where the instance's limit counts only what is loaded so far.
     */
    private static final int LOAD_BEFORE_SERVING = 10_000;

    private final Kernel kernel;
    private final Logger logger;
    private final LifecycleThread lifecycle;

    // Touched only on the lifecycle thread
    private final Map<String, Instance> instances = new HashMap<>();
    private final ExtensionChoice choice;
    private final ConfigurationListeners configurationListeners;
    private final FailedStarts failedStarts;
    private final LiveCopies liveCopies;
    /** Instances retired, by id; retiring happens once, on whichever thread comes first. */
    private final Set<Long> retired = ConcurrentHashMap.newKeySet();
    /** Contents of ended volatile instances, per configuration name, until the next instance takes them. */
    private final HandOvers handOvers;
    private final HandOverLoaders loaders;
    /** The kernel stops: nothing will serve after the instances end, so their contents are copied at once. */
    private volatile boolean closing;
    private long nextInstanceId = 1;

    private volatile List<Extension> extensionView = List.of();
    private volatile List<BackendConfiguration> configurationView = List.of();
    private volatile Map<String, Instance> instanceView = Map.of();
    /** Told, on the lifecycle thread, whenever the views were published: configurations may have come or gone. */
    private volatile Runnable viewsPublished = () -> { };

    public BackendInstances(Kernel kernel, BundleContext context, Logger logger) {
        this.kernel = kernel;
        this.logger = logger;
        this.lifecycle = new LifecycleThread(logger);
        this.failedStarts = new FailedStarts(lifecycle, this::reconcile);
        this.handOvers = new HandOvers(logger);
        this.loaders = new HandOverLoaders(logger);
        this.choice = new ExtensionChoice(instances, logger);
        this.configurationListeners = new ConfigurationListeners(context, logger);
        this.liveCopies = new LiveCopies(kernel, new LiveSwitch(kernel, choice, this, logger), logger);
        kernel.onRoutesChanged(() -> lifecycle.submit(this::reconcile));
    }

    /**
     * A bundle is about to stop (for a stop, an update, a refresh or an uninstall), and SCR, which hears of it next,
     * will deactivate its instances: the last moment at which the kernel can drain them and copy their contents out.
     * If the bundle is {@code restarting} (an update, a refresh), the live copy serves meanwhile ({@link StandIn}).
     * Runs on the thread stopping the bundle.
     */
    public void bundleStopping(Bundle bundle, boolean restarting) {
        instanceView.values().stream()
                .filter(instance -> instance.extension().bundle().getBundleId() == bundle.getBundleId())
                .forEach(instance -> retire(instance, true, restarting));
    }

    public void extensionAdded(Extension extension) {
        lifecycle.submit(() -> {
            choice.installed(extension);
            configurationListeners.listenFor(extension, this);
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
        choice.departing(serviceId);
        instanceView.values().stream()
                .filter(instance -> instance.extension().serviceId() == serviceId)
                .forEach(instance -> {
                    retire(instance, true, false);
                    dispose(instance.component());
                });
        lifecycle.submit(() -> {
            Extension extension = choice.departed(serviceId);
            if (extension != null) {
                logger.info("storage extension {} left", extension.label());
                reconcile();
            }
        });
    }

    void configurationUpdated(BackendConfiguration configuration) {
        lifecycle.submit(() -> {
            choice.configured(configuration);
            reconcile();
        });
    }

    void configurationDeleted(String pid) {
        lifecycle.submit(() -> {
            if (choice.deleted(pid)) {
                reconcile();
            }
            handOvers.endStandIns(pid, kernel.drainTimeoutMillis());
            handOvers.dropFor(pid);
        });
    }

    /**
     * Waits until every change reported so far has been acted on; returns at once on the lifecycle thread, where a
     * listener told of a change calls it, since everything before that change was acted on already.
     */
    public void settle() {
        lifecycle.settle();
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
            BackendConfiguration current = choice.configurationNamed(instance.configuration().name());
            Extension best = current == null ? null : choice.bestExtensionFor(current);
            boolean stillRight = current != null && current.pid().equals(instance.configuration().pid())
                    && current.sameSettings(instance.configuration())
                    && best != null && best.serviceId() == instance.extension().serviceId();
            if (!stillRight) {
                // Another extension or new settings take the same data over; a configuration that went takes it along
                boolean continues = current != null && current.pid().equals(instance.configuration().pid());
                boolean switchedLive = continues && current.sameSettings(instance.configuration()) && best != null
                        && !instance.bound().isDurable() && !choice.isLeaving(instance.extension())
                        && !choice.isLeaving(best) && liveCopies.switchLive(instance, current, best);
                if (!switchedLive) {
                    end(instance, continues);
                }
            } else if (!inUse.contains(current.name()) && !instance.holdsStoreData()) {
                end(instance, false);
                logger.info("backend configuration '{}' released: no store is routed to it", current.name());
            }
        }

        for (String name : choice.names()) {
            BackendConfiguration configuration = choice.configurationNamed(name);
            if (!instances.containsKey(name) && inUse.contains(name)) {
                Extension best = choice.bestExtensionFor(configuration);
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
     * Moves the configuration to the installed extension of that version (make before break: the new instance
     * starts as soon as the old one is retired), or back to its policy with {@code null}. The choice stays until
     * the next switch; while that version is not installed, the policy decides.
     */
    public String switchTo(String name, Version version) {
        Future<String> done = lifecycle.call(() -> {
            choice.choose(name, version);
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

    /**
     * Makes the configuration's instance on the extension. If the previous instance's contents wait for it, it
     * serves at once with them behind it ({@link HandOverOverlay}), and a {@link HandOverLoader} moves them in.
     */
    private void start(BackendConfiguration configuration, Extension extension) {
        String name = configuration.name();
        if (choice.isLeaving(extension)) {
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
            // The overlay shows the hand-over before it is taken: a retirement meanwhile copies it out through it
            HandOver waiting = handOvers.waitingFor(configuration);
            if (waiting != null) {
                requireRoom(waiting, backend);
                endStandIn(name, waiting);
            }
            HandOverOverlay overlay = waiting == null ? null
                    : new HandOverOverlay(backend, waiting.sorted(), waiting.entries());
            StorageBackend serving = overlay == null ? backend : overlay;
            BoundBackend bound = new BoundBackend(serving, extension.type(), extension.version().toString());
            Instance instance = new Instance(id, configuration, extension, component, bound);
            instances.put(name, instance);
            // Published at once, and checked after: if the extension's bundle began to stop meanwhile, either the
            // stopping hook sees this instance and retires it, or this thread sees the bundle stopping (its state
            // changes before the hook runs) and ends it; else SCR could end an instance serving writes unretired
            publishViews();
            if (choice.isLeaving(extension)) {
                end(instance, false);
                return;
            }
            if (waiting != null && !handOvers.take(configuration, waiting, () -> retired.contains(id))) {
                return; // retired while it started: the hand-over stays for the next instance
            }
            taken = waiting;
            if (overlay != null && waiting.entries() <= LOAD_BEFORE_SERVING) {
                overlay.loadAllNow();
            }
            kernel.bind(name, bound);
            taken = null; // it may serve writes from here on: what it holds is the data now, not the hand-over
            if (retired.contains(id)) {
                // Retired while it started (its extension is leaving): what it held was copied out for the next
                kernel.unbind(name, serving);
                return;
            }
            failedStarts.started(name);
            if (overlay != null && overlay.isLoading()) {
                loaders.start(instance, overlay, failure -> lifecycle.submit(() -> loadFailed(instance, failure)),
                        () -> retired.contains(instance.id()));
            }
        } catch (RuntimeException e) {
            String reason = FailedStarts.reason(e);
            if (choice.isLeaving(extension)) {
                // The extension's bundle began to stop while the instance was made: not a fault, a retry follows
                logger.info("backend configuration '{}' not started on {}, which is leaving", name, extension.label());
            } else {
                logger.error("backend configuration '{}' could not start on {}: {}", name, extension.label(), reason);
                failedStarts.retryLater(name);
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
     * The instance refused what was handed over (it is full, say): as when a start fails, it ends, its contents
     * (what it has and what still waited, through its overlay) are kept for the next instance, and a start is
     * retried later.
     */
    private void loadFailed(Instance instance, RuntimeException failure) {
        String name = instance.configuration().name();
        if (instances.get(name) != instance) {
            return; // it ended meanwhile, and its contents with it were kept or passed on
        }
        String reason = FailedStarts.reason(failure);
        logger.error("backend configuration '{}': {} could not load what was handed over to it, so it ends: {}",
                name, instance.extension().label(), reason);
        end(instance, true);
        publishViews();
        failedStarts.retryLater(name);
        kernel.slot(name).startFailed("on " + instance.extension().label() + ": " + reason);
    }

    /** Where the configuration stands, as every tool shows it: see {@link InstanceStatus#of}. */
    public InstanceStatus status(BackendConfiguration configuration) {
        String name = configuration.name();
        Instance instance = instanceView.get(name);
        return InstanceStatus.of(configuration, kernel.slot(name), instance == null ? null : instance.bound(),
                isInUse(name));
    }

    /** Whether some store can reach the configuration now. */
    public boolean isInUse(String configurationName) {
        return kernel.configurationsInUse().contains(configurationName);
    }

    /** Before the stand-in ends: an instance that cannot take every entry handed over must not start on them. */
    private static void requireRoom(HandOver waiting, StorageBackend backend) {
        if (waiting.entries() > backend.maxKeys()) {
            throw new StorageFullException("the " + waiting.entries() + " entries handed over to it are more than its"
                    + " limit of " + backend.maxKeys() + " keys (maxKeys); they are kept until an instance with room"
                    + " for them starts");
        }
    }

    /** Ends the stand-in serving the kept contents, if one does: the next instance or nobody owns them now. */
    private void endStandIn(String name, HandOver kept) {
        if (!kept.endStandIn(kernel.drainTimeoutMillis())) {
            logger.warn("backend configuration '{}': operations still ran on the kernel's copy after {} ms",
                    name, kernel.drainTimeoutMillis());
        }
    }

    private void end(Instance instance, boolean handOver) {
        String name = instance.configuration().name();
        retire(instance, handOver, false);
        instances.remove(name);
        dispose(instance.component());
        retired.remove(instance.id());
        logger.info("backend configuration '{}' no longer served by {}", name, instance.extension().label());
    }

    /**
     * Stops routing to the instance, waits (bounded) for the operations running on it, and, if asked and its
     * backend is volatile, keeps its contents for the next instance: copied live while it still serves where it
     * can ({@link LiveHandOver}), so operations wait for no time in proportion to its size; else copied after
     * unbinding. With {@code standIn} (its bundle restarts), the live copy serves in its place until the next
     * instance takes it over ({@link StandIn}), or for as long as an operation would wait for an instance. Stops its
     * hand-over loader, if one still runs. Runs once per instance.
     */
    private void retire(Instance instance, boolean handOver, boolean standIn) {
        if (!retired.add(instance.id())) {
            return;
        }
        String name = instance.configuration().name();
        BoundBackend bound = instance.bound();
        long started = System.nanoTime();
        boolean keep = handOver && !bound.isDurable();
        HandOver copied = keep && !closing ? liveCopies.handOverLive(instance, standIn) : null;
        kernel.unbind(name, bound.backend());
        if (!bound.close(kernel.drainTimeoutMillis())) {
            logger.warn("backend configuration '{}': {} operations still ran on the ending instance of {} after {} ms",
                    name, bound.running(), instance.extension().label(), kernel.drainTimeoutMillis());
        }
        // Again: a start binding it meanwhile checks for retirement only after binding
        kernel.unbind(name, bound.backend());
        loaders.stop(instance);
        if (keep) {
            handOvers.keep(name, instance.configuration().pid(), bound.backend(), copied,
                    instance.extension().label(), started);
        }
        if (copied != null && copied.hasStandIn()) {
            logger.info("backend configuration '{}' is served by the kernel's copy until the next instance takes it",
                    name);
            // Bounded: an extension that never comes back leaves operations waiting for it, as a plain stop does
            long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(kernel.operationTimeoutMillis()));
            lifecycle.submitLater(() -> endStandIn(name, copied), seconds);
        }
    }

    /** The live switch bound {@code bound} in the old instance's place: it is the configuration's instance now. */
    void switched(Instance old, BackendConfiguration configuration, Extension next,
            ComponentInstance<StorageBackend> component, BoundBackend bound) {
        Instance instance = new Instance(nextInstanceId++, configuration, next, component, bound);
        instances.put(configuration.name(), instance);
        publishViews();
        // Nothing runs on the old instance any more: the switch waited for every operation in flight
        retire(old, false, false);
        dispose(old.component());
        retired.remove(old.id());
    }

    boolean isRetired(Instance instance) {
        return retired.contains(instance.id());
    }

    void dispose(ComponentInstance<StorageBackend> component) {
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

    private void publishViews() {
        extensionView = choice.sortedExtensions();
        configurationView = choice.sortedConfigurations();
        instanceView = Map.copyOf(instances);
        viewsPublished.run();
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
        closing = true;
        Future<?> done = lifecycle.call(() -> {
            new ArrayList<>(instances.values()).forEach(instance -> end(instance, keepVolatileIn != null));
            // Nothing may change the kept contents while they are saved, nor serve once the kernel is gone
            handOvers.endStandIns(null, kernel.drainTimeoutMillis());
            if (keepVolatileIn != null) {
                handOvers.save(keepVolatileIn);
            }
            configurationListeners.close();
            publishViews();
            return null;
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            logger.error("ending backend instances failed", e);
        }
        lifecycle.stop();
    }
}
