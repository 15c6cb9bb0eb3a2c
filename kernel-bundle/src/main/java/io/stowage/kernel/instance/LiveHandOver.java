package io.stowage.kernel.instance;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.migration.Migration;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;

/**
 * Copies a volatile instance's contents out while it still serves, as the live switch copies to a new instance:
 * page by page with every write mirrored ({@link Migration}), into the kernel's own {@link CopiedEntries}; it ends
 * by unbinding the instance with no operation in flight. Operations wait only while one page is copied, however
 * large the data, where a copy after unbinding held every operation for about 2 µs per entry (issue 14).
 *
 * <p>It refuses (returns null, having changed nothing) when a store migration uses the configuration, since that
 * migration's writes pass the instance's gate; the caller then copies after unbinding, as before.
 *
 * <p>Asked to, it binds a {@link StandIn} on the copy in the instance's place, in the same step: then operations
 * find the copy serving instead of no instance while the extension's bundle restarts.
 */
final class LiveHandOver {

    private LiveHandOver() {
    }

    /**
     * The instance's contents, with the instance unbound from its configuration (and, if {@code standIn}, the copy
     * bound in its place); or null, with the instance still serving, if a live copy cannot be made. Throws, the
     * instance still serving, if the copy failed.
     */
    static HandOver copy(Kernel kernel, Instance instance, boolean standIn) {
        BackendConfiguration configuration = instance.configuration();
        String name = configuration.name();
        BackendSlot slot = kernel.slot(name);
        BoundBackend serving = instance.bound();
        if (slot.current() != serving || kernel.isUsedByMigration(name)) {
            return null;
        }
        CopiedEntries target = new CopiedEntries();
        BackendSlot staging = new BackendSlot(name);
        staging.bind(new BoundBackend(target, "hand-over", "0"));
        Migration copying = new Migration(slot, staging, "configuration " + name, kernel.operationTimeoutMillis());
        slot.startMigration(copying);
        try {
            if (!kernel.awaitUngated(slot, kernel.drainTimeoutMillis())) {
                throw new IllegalStateException("operations begun before the copy still ran after "
                        + kernel.drainTimeoutMillis() + " ms");
            }
            Runnable stillPossible = () -> {
                if (kernel.isUsedByMigration(name)) {
                    throw new IllegalStateException("a store migration began to use configuration " + name);
                }
                if (copying.mirrorFailure() != null) {
                    throw copying.mirrorFailure();
                }
            };
            copying.copy(HandOver.FIRST_KEY, null, kernel::nowMillis, stillPossible, count -> { });
            HandOver handOver = target.handOver(configuration.pid());
            StandIn standing = standIn ? new StandIn(target, serving.capabilities(), serving.backend().maxKeys(), slot) : null;
            boolean[] unbound = {false};
            copying.exclusively(() -> {
                stillPossible.run();
                copying.copyMetadataAgain();
                if (standing != null) {
                    // In one step with no operation in flight: the next operation finds the copy serving
                    handOver.servedBy(standing);
                    slot.bind(standing.bound());
                } else {
                    kernel.unbind(name, serving.backend());
                }
                copying.markSwitched();
                unbound[0] = true;
            });
            return unbound[0] ? handOver : null;
        } finally {
            slot.endMigration();
        }
    }
}
