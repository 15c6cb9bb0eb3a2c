package io.stowage.kernel.instance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.log.Logger;

import io.stowage.kernel.Kernel;

/**
 * The two ways an instance is copied while it serves, a live switch ({@link LiveSwitch}) and a live hand-over
 * ({@link LiveHandOver}), taken one at a time per configuration: both copy through the configuration's one migration
 * gate, and they run on different threads (the lifecycle thread and the one retiring an instance).
 */
final class LiveCopies {

    private final Kernel kernel;
    private final LiveSwitch liveSwitch;
    private final Logger logger;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    LiveCopies(Kernel kernel, LiveSwitch liveSwitch, Logger logger) {
        this.kernel = kernel;
        this.liveSwitch = liveSwitch;
        this.logger = logger;
    }

    /** {@link LiveSwitch#run}, alone on the configuration. */
    boolean switchLive(Instance instance, BackendConfiguration configuration, Extension next) {
        ReentrantLock copying = lock(configuration.name());
        copying.lock();
        try {
            return liveSwitch.run(instance, configuration, next);
        } finally {
            copying.unlock();
        }
    }

    /**
     * The instance's contents copied while it serves, the instance unbound after (and, if {@code standIn}, the copy
     * serving in its place: {@link StandIn}); or null, still bound.
     */
    HandOver handOverLive(Instance instance, boolean standIn) {
        String name = instance.configuration().name();
        ReentrantLock copying = lock(name);
        try {
            // Bounded: a live switch of this configuration stops at its next page, seeing the instance retired
            if (!copying.tryLock(kernel.drainTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            return LiveHandOver.copy(kernel, instance, standIn);
        } catch (RuntimeException e) {
            logger.info("backend configuration '{}': no live copy of the ending instance of {} ({}); it is copied "
                    + "once unbound", name, instance.extension().label(), e.toString());
            return null;
        } finally {
            copying.unlock();
        }
    }

    private ReentrantLock lock(String configuration) {
        return locks.computeIfAbsent(configuration, name -> new ReentrantLock());
    }
}
