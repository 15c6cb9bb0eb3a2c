package io.stowage.kernel.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.osgi.service.log.Logger;

/**
 * Where the kernel keeps volatile backends' contents across its own restart: one file per configuration in a folder
 * of the kernel bundle's data area, written when the kernel stops alone and taken back (and deleted) when it starts.
 */
public final class HandOverFolder {

    private static final String SUFFIX = ".handover";

    private final Path folder;
    private final Logger logger;

    public HandOverFolder(Path folder, Logger logger) {
        this.folder = folder;
        this.logger = logger;
    }

    /** Writes each hand-over, by configuration name; what cannot be written is lost, and said so. */
    void save(Map<String, HandOver> handOvers) {
        try {
            Files.createDirectories(folder);
            int index = 0;
            for (Map.Entry<String, HandOver> entry : handOvers.entrySet()) {
                entry.getValue().writeTo(folder.resolve((index++) + SUFFIX), entry.getKey());
                logger.info("backend configuration '{}': {} entries kept on disk until the kernel is back",
                        entry.getKey(), entry.getValue().entries());
            }
        } catch (IOException e) {
            logger.error("saving the contents of volatile backends failed; they are lost: {}", e.toString());
        }
    }

    /** Gives each saved hand-over, with its configuration's name, to the sink, and deletes its file. */
    void takeBack(BiConsumer<String, HandOver> sink) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    HandOver.readFrom(file, sink);
                } catch (IOException e) {
                    logger.error("reading the saved contents {} failed; they are lost: {}", file, e.toString());
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            logger.error("reading the saved contents of volatile backends failed: {}", e.toString());
        }
    }
}
