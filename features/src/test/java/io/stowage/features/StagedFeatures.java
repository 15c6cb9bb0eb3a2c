package io.stowage.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The build's features repository as {@code mvn install} would leave it: the descriptor and the example
 * configurations the features ship as configfiles, where {@code feature:repo-add mvn:io.stowage/features/VERSION/xml/features}
 * finds them in the build's own Maven repository.
 */
final class StagedFeatures {

    private StagedFeatures() {
    }

    /** Stages the descriptor and the examples, and returns the Maven repository that holds them and every bundle. */
    static Path stage() throws IOException {
        String version = System.getProperty("stowage.version");
        Path repository = Path.of(System.getProperty("stowage.features.repository"));
        Path descriptor = repository.resolve("io/stowage/features/" + version + "/features-" + version + "-features.xml");
        Files.createDirectories(descriptor.getParent());
        Files.copy(Path.of(System.getProperty("stowage.features.file")), descriptor, StandardCopyOption.REPLACE_EXISTING);
        try (var examples = Files.list(Path.of(System.getProperty("stowage.examples")))) {
            for (Path example : examples.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                String classifier = example.getFileName().toString().replaceAll("^io\\.stowage\\.|\\.cfg$", "");
                Files.copy(example, descriptor.resolveSibling("features-" + version + "-" + classifier + ".cfg"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return repository;
    }
}
