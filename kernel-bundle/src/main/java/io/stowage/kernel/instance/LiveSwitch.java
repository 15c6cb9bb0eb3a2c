package io.stowage.kernel.instance;

import java.util.concurrent.TimeUnit;

import org.osgi.service.component.ComponentInstance;
import org.osgi.service.log.Logger;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.migration.Migration;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.StorageBackend;

/**
 * Make before break for a volatile backend moving to another extension while both are installed: the new instance
 * is made beside the serving one, the contents are copied over live (writes mirrored, as a store migration does),
 * and the configuration switches with no operation in flight; the old instance ends afterwards. Operations wait only
 * while one page is copied and for the switch itself, however large the data. Two instances of one configuration
 * exist meanwhile, which is safe only for volatile backends. Runs on the lifecycle thread.
 */
final class LiveSwitch {

    private final Kernel kernel;
    private final ExtensionChoice choice;
    private final BackendInstances lifecycle;
    private final Logger logger;

    LiveSwitch(Kernel kernel, ExtensionChoice choice, BackendInstances lifecycle, Logger logger) {
        this.kernel = kernel;
        this.choice = choice;
        this.lifecycle = lifecycle;
        this.logger = logger;
    }

    /**
     * Switches the configuration from the old instance to a new one of {@code next}, which then serves it and is
     * handed to {@link BackendInstances#switched}. Returns false, having changed nothing, if the switch could not be
     * made (the caller then ends and starts as usual).
     */
    boolean run(Instance old, BackendConfiguration configuration, Extension next) {
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
                if (lifecycle.isRetired(old) || choice.isLeaving(old.extension()) || choice.isLeaving(next)) {
                    throw new IllegalStateException("an extension began to leave");
                }
                if (copying.mirrorFailure() != null) {
                    throw copying.mirrorFailure();
                }
            };
            long copied = copying.copy(HandOver.FIRST_KEY, null, kernel::nowMillis, stillPossible, count -> { });
            copying.exclusively(() -> {
                stillPossible.run();
                copying.copyMetadataAgain();
                slot.bind(bound);
                copying.markSwitched();
            });
            slot.endMigration();
            lifecycle.switched(old, configuration, next, component, bound);
            logger.info("backend configuration '{}' switched live from {} to {}: {} entries copied in {} ms", name,
                    old.extension().label(), next.label(), copied,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return true;
        } catch (RuntimeException e) {
            slot.endMigration();
            if (component != null) {
                lifecycle.dispose(component);
            }
            logger.info("backend configuration '{}': no live switch to {} ({}); it ends and starts instead", name,
                    next.label(), e.toString());
            return false;
        }
    }
}
