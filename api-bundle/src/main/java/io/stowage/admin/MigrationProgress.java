package io.stowage.admin;

import java.time.Duration;

/**
 * A migration at one moment.
 *
 * @param copied entries copied so far
 * @param elapsed time since it started
 */
public record MigrationProgress(StoreId store, String source, String target, MigrationPhase phase, long copied,
        Duration elapsed) {
}
