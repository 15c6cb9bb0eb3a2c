package io.stowage.jcache;

import org.osgi.service.log.Logger;

import io.stowage.spi.StorageBackend;
import io.stowage.storage.lmdb.LmdbBackend;

/**
 * Opens the LMDB backend for {@link EmbeddedStowage}. A class of its own so that the LMDB classes load only when a
 * cache manager's URI asks for LMDB: an application with only the memory backend on its classpath never needs them.
 */
final class EmbeddedLmdb {

    private EmbeddedLmdb() {
    }

    static StorageBackend open(BackendUri uri, Logger logger) {
        return LmdbBackend.outsideFramework("jcache", uri.folder(), uri.number("mapSizeMiB", 64),
                uri.number("maxMapSizeMiB", 4096), logger);
    }

    static void close(StorageBackend backend) {
        ((LmdbBackend) backend).close();
    }
}
