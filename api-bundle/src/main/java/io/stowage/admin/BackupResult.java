package io.stowage.admin;

import java.nio.file.Path;
import java.time.Duration;

/** A backup written. */
public record BackupResult(long entries, int stores, Path file, Duration took) {
}
