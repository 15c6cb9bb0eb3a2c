package io.stowage.jcache;

import org.osgi.service.log.Logger;

import io.stowage.spi.StorageBackend;
import io.stowage.storage.redis.RedisBackend;

/**
 * Opens the Redis backend for {@link EmbeddedStowage}, on a standalone server. A class of its own, as
 * {@link EmbeddedLmdb} is, so that the Redis classes load only when a cache manager's URI asks for Redis.
 */
final class EmbeddedRedis {

    private EmbeddedRedis() {
    }

    static StorageBackend open(BackendUri uri, Logger logger) {
        return RedisBackend.outsideFramework("jcache", uri.host(), uri.port(), logger);
    }

    static void close(StorageBackend backend) {
        ((RedisBackend) backend).close();
    }
}
