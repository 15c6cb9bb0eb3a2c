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
     * Copies what the ending instance holds, for the next one. A hand-over still waiting for this configuration was
     * never taken by this instance: it is the data, and stays.
     */
    void keep(String name, String pid, StorageBackend backend, String extension, long startedNanos) {
        try {
            HandOver copy = HandOver.copy(pid, backend);
            kept.compute(name, (key, waiting) -> waiting != null && waiting.belongsTo(pid) ? waiting : copy);
            logger.info("backend configuration '{}': {} entries ({} bytes) kept for the next instance; drained "
                    + "and copied in {} ms", name, copy.entries(), copy.bytes(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            logger.error("backend configuration '{}': copying the contents of the ending instance of {} failed; "
                    + "they are lost: {}", name, extension, e.toString());
        }
    }

    /**
     * Loads what the configuration's previous (volatile) instance held into the new one, before it serves anything.
     * The hand-over is let go only if the new instance was not retired meanwhile; else it stays for the next one.
     * Returns the hand-over it let go, which a start that fails after all gives {@link #putBack}.
     */
    HandOver take(BackendConfiguration configuration, StorageBackend backend, BooleanSupplier retired) {
        HandOver handOver = kept.get(configuration.name());
        if (handOver == null || !handOver.belongsTo(configuration.pid())) {
            return null;
        }
        long started = System.nanoTime();
        handOver.loadInto(backend);
        if (retired.getAsBoolean() || !kept.remove(configuration.name(), handOver)) {
            return null;
        }
        logger.info("backend configuration '{}': {} entries ({} bytes) handed over in {} ms", configuration.name(),
                handOver.entries(), handOver.bytes(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return handOver;
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

    void restore(HandOverFolder folder) {
        folder.takeBack(kept::put);
    }

    void save(HandOverFolder folder) {
        folder.save(kept);
    }
}
