package io.stowage.storage.lmdb;

import java.nio.file.Path;

/**
 * Where and how one LMDB environment is opened.
 *
 * @param name               the configuration's name, for messages
 * @param folder             the environment's folder, absolute
 * @param mapSize            initial map size in bytes
 * @param maxMapSize         ceiling of automatic growth in bytes
 * @param maxReaders         concurrent read transactions
 * @param syncMode           what a commit waits for
 * @param readerCheckSeconds how often stale reader slots are cleared
 */
record LmdbSettings(String name, Path folder, long mapSize, long maxMapSize, int maxReaders, SyncMode syncMode,
        long readerCheckSeconds) {

    static final long MIB = 1024L * 1024L;

    LmdbSettings {
        if (!folder.isAbsolute()) {
            throw new IllegalArgumentException("LMDB backend '" + name + "': path " + folder + " is not absolute");
        }
        if (mapSize < MIB || maxMapSize < mapSize) {
            throw new IllegalArgumentException("LMDB backend '" + name + "': map size must be at least 1 MiB and "
                    + "not over the maximum (" + mapSize / MIB + " MiB > " + maxMapSize / MIB + " MiB)");
        }
        if (maxReaders < 1 || readerCheckSeconds < 1) {
            throw new IllegalArgumentException("LMDB backend '" + name + "': maxReaders and readerCheckSeconds must be "
                    + "positive");
        }
    }
}
