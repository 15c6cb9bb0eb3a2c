package io.stowage.admin;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A restore done.
 *
 * @param expired entries of the dump that expired since the backup, skipped
 */
public record RestoreResult(long entries, int stores, Path file, Duration took, long expired, RestoreMode mode) {
}
