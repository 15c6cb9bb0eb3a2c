package io.stowage.admin;

import java.nio.file.Path;
import java.time.Duration;

/** A configuration's data files copied while it served, by the backend's extension of that type and version. */
public record HotCopyResult(String configuration, String type, String version, Path folder, Duration took) {
}
