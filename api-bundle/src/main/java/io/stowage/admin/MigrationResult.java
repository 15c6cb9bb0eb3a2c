package io.stowage.admin;

import java.time.Duration;

/**
 * A migration that ended with the store in its target.
 *
 * @param routeSaveError why the store's new route could not be saved (it then lasts until the kernel restarts),
 *        or empty when it was saved
 * @param deleted entries deleted from the source; 0 when the source keeps its copy
 */
public record MigrationResult(StoreId store, String source, String target, long copied, Duration took,
        String routeSaveError, boolean sourceKept, long deleted) {
}
