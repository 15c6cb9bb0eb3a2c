package io.stowage.kernel.instance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

/**
 * The {@link HandOverLoader}s still moving handed-over entries into their instances, by instance id, so that
 * retiring an instance stops its loader.
 */
final class HandOverLoaders {

    private final Logger logger;
    private final Map<Long, HandOverLoader> running = new ConcurrentHashMap<>();

    HandOverLoaders(Logger logger) {
        this.logger = logger;
    }

    /**
     * Starts loading what waits behind the instance's overlay. Registered before it starts, so that a retirement
     * racing with this either stops it or is seen by {@code retired}.
     */
    void start(Instance instance, HandOverOverlay overlay, Consumer<RuntimeException> failed, BooleanSupplier retired) {
        String name = instance.configuration().name();
        HandOverLoader loader = new HandOverLoader(name, overlay, logger, failed);
        running.put(instance.id(), loader);
        logger.info("backend configuration '{}' serves at once; the entries handed over load in the background", name);
        loader.start();
        if (retired.getAsBoolean()) {
            loader.stop();
        }
    }

    /** Stops the instance's loader, if one still runs. */
    void stop(Instance instance) {
        HandOverLoader loader = running.remove(instance.id());
        if (loader != null) {
            loader.stop();
        }
    }
}
