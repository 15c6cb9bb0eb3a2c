package io.stowage.kernel.instance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.service.log.Logger;

import io.stowage.spi.StorageBackend;

/**
 * The contents of ended volatile instances, per configuration name, kept until the next instance of the same
 * configuration (same PID) takes them; dropped only when that configuration is deleted, and saved to a folder
 * when the kernel itself stops.
 */
final class HandOvers {

    private final Map<String, HandOver> kept = new ConcurrentHashMap<>();
    private final Logger logger;

    HandOvers(Logger logger) {
        this.logger = logger;
    }

    /**
     * Keeps what the ending instance holds for the next one: {@code copied} if it was copied live, else a copy made
     * now (operations wait for it). A hand-over still waiting for this configuration was never taken by this
     * instance: it is the data, and stays.
     */
    void keep(String name, String pid, StorageBackend backend, HandOver copied, String extension,
            long startedNanos) {
        try {
            HandOver kept = copied != null ? copied : HandOver.copy(pid, backend);
            synchronized (this) {
                this.kept.compute(name, (key, waiting) -> waiting != null && waiting.belongsTo(pid) ? waiting : kept);
            }
            logger.info("backend configuration '{}': {} entries ({} bytes) kept for the next instance; drained "
                    + "and copied {}in {} ms", name, kept.entries(), kept.bytes(), copied != null ? "live " : "",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            logger.error("backend configuration '{}': copying the contents of the ending instance of {} failed; "
                    + "they are lost: {}", name, extension, e.toString());
        }
    }

    /** What waits for the configuration's next instance, or null; it stays kept until {@link #take}n. */
    HandOver waitingFor(BackendConfiguration configuration) {
        HandOver handOver = kept.get(configuration.name());
        return handOver != null && handOver.belongsTo(configuration.pid()) ? handOver : null;
    }

    /**
     * The new instance takes the hand-over, which its overlay already shows, unless it was retired meanwhile: then
     * it stays for the next one. Atomic with {@link #keep}, so that a retiring instance either finds the hand-over
     * still waiting or copies it out through its overlay, never neither.
     */
    synchronized boolean take(BackendConfiguration configuration, HandOver handOver, BooleanSupplier retired) {
        if (retired.getAsBoolean() || !kept.remove(configuration.name(), handOver)) {
            return false;
        }
        logger.info("backend configuration '{}': {} entries ({} bytes) handed over", configuration.name(),
                handOver.entries(), handOver.bytes());
        return true;
    }

    /** The instance that took it over never served: the data waits for the next one again. */
    void putBack(String name, HandOver taken) {
        if (kept.putIfAbsent(name, taken) == null) {
            logger.info("backend configuration '{}': {} entries kept for the next instance", name, taken.entries());
        }
    }

    /**
     * Only a deleted configuration drops its kept contents: after a kernel restart, contents come back before
     * ConfigAdmin has delivered their configurations again.
     */
    void dropFor(String pid) {
        kept.entrySet().removeIf(entry -> {
            boolean dropped = entry.getValue().belongsTo(pid);
            if (dropped) {
                logger.warn("backend configuration '{}' was deleted: the {} entries kept from its last instance "
                        + "are dropped", entry.getKey(), entry.getValue().entries());
            }
            return dropped;
        });
    }

    /**
     * Ends the stand-ins serving kept contents ({@link StandIn}), of the configuration with that PID or, with null,
     * of every one. Returns whether all ended with no operation still running on them after {@code drainMillis}.
     */
    boolean endStandIns(String pid, long drainMillis) {
        boolean drained = true;
        for (HandOver handOver : kept.values()) {
            if (pid == null || handOver.belongsTo(pid)) {
                drained &= handOver.endStandIn(drainMillis);
            }
        }
        return drained;
    }

    void restore(HandOverFolder folder) {
        folder.takeBack(kept::put);
    }

    void save(HandOverFolder folder) {
        folder.save(kept);
    }
}
