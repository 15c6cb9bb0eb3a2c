package io.stowage.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder holding one trial's store files, deleted with everything in it at teardown. */
final class TrialFolder {

    private TrialFolder() {
    }

    static Path create(String engine) throws IOException {
        return Files.createTempDirectory("stowage-bench-" + engine);
    }

    static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
