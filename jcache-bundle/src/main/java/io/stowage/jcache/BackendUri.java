package io.stowage.jcache;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a cache manager's URI says on a plain classpath: which backend the embedded kernel serves its caches from,
 * and in which namespace.
 *
 * <pre>
 * stowage:memory                                   the memory backend (the default), maxKeys=10000000
 * stowage:memory?maxKeys=100000
 * stowage:lmdb?path=data/cache                     LMDB in that folder, mapSizeMiB=64, maxMapSizeMiB=4096
 * stowage:lmdb                                     LMDB in the folder stowage.jcache.lmdb.path names
 * stowage:redis?address=127.0.0.1:6379             a Redis server (standalone)
 * stowage:redis                                    the Redis server stowage.jcache.redis.address names
 * stowage:lmdb?path=/var/cache/app&amp;namespace=app   any of them with namespace=... (default: stowage.jcache.namespace)
 * </pre>
 *
 * <p>Any other URI (JCache lets applications invent them) is the default URI's backend, in a namespace of its own:
 * the default namespace, a dot, and 12 hex digits of the URI's SHA-256, so two such managers never share caches.
 *
 * @param backend   {@code memory}, {@code lmdb} or {@code redis}
 * @param namespace the namespace the caches are stores of
 * @param settings  the backend's settings from the query ({@code path}, {@code maxKeys}, ...)
 */
record BackendUri(String backend, String namespace, Map<String, String> settings) {

    static final String SCHEME = "stowage";
    static final String DEFAULT_NAMESPACE = "jcache";

    /** Reads a {@code stowage:} URI; {@code fallback} serves any other. */
    static BackendUri parse(URI uri, BackendUri fallback, String defaultNamespace, String defaultLmdbPath) {
        return parse(uri, fallback, defaultNamespace, defaultLmdbPath, null);
    }

    /** As above, with the Redis address of {@code stowage:redis} without {@code address}. */
    static BackendUri parse(URI uri, BackendUri fallback, String defaultNamespace, String defaultLmdbPath,
            String defaultRedisAddress) {
        if (!SCHEME.equals(uri.getScheme())) {
            return new BackendUri(fallback.backend(), defaultNamespace + "." + shortHash(uri.toString()),
                    fallback.settings());
        }
        String part = uri.getSchemeSpecificPart();
        int query = part.indexOf('?');
        String backend = query < 0 ? part : part.substring(0, query);
        Map<String, String> settings = new HashMap<>();
        if (query >= 0) {
            for (String pair : part.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("cache manager URI " + uri + ": '" + pair
                            + "' is not name=value");
                }
                settings.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        if (!backend.equals("memory") && !backend.equals("lmdb") && !backend.equals("redis")) {
            throw new IllegalArgumentException("cache manager URI " + uri + ": the embedded kernel serves 'memory', "
                    + "'lmdb' or 'redis', not '" + backend + "'");
        }
        if (backend.equals("redis") && !settings.containsKey("address")) {
            if (defaultRedisAddress == null || defaultRedisAddress.isBlank()) {
                throw new IllegalArgumentException("cache manager URI " + uri + ": Redis needs address=<host>:<port> "
                        + "or the property " + EmbeddedStowage.REDIS_ADDRESS);
            }
            settings.put("address", defaultRedisAddress);
        }
        if (backend.equals("lmdb") && !settings.containsKey("path")) {
            if (defaultLmdbPath == null || defaultLmdbPath.isBlank()) {
                throw new IllegalArgumentException("cache manager URI " + uri + ": LMDB needs path=<folder> or the "
                        + "property " + EmbeddedStowage.LMDB_PATH);
            }
            settings.put("path", defaultLmdbPath);
        }
        String namespace = settings.getOrDefault("namespace", defaultNamespace);
        return new BackendUri(backend, namespace, Map.copyOf(settings));
    }

    /** What identifies the backend instance: managers whose URIs give the same one share it. */
    String instanceKey() {
        return switch (backend) {
            case "lmdb" -> "lmdb:" + folder();
            case "redis" -> "redis:" + settings.get("address");
            default -> "memory";
        };
    }

    /** The host of {@code address=<host>:<port>}. */
    String host() {
        String address = settings.get("address");
        return address.substring(0, address.lastIndexOf(':') < 0 ? address.length() : address.lastIndexOf(':'));
    }

    /** The port of {@code address=<host>:<port>}. */
    int port() {
        String address = settings.get("address");
        int colon = address.lastIndexOf(':');
        try {
            return Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Redis address " + address + " is not <host>:<port>", e);
        }
    }

    Path folder() {
        return Path.of(settings.get("path")).toAbsolutePath().normalize();
    }

    long number(String name, long fallback) {
        String value = settings.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cache manager URI setting " + name + "=" + value + " is not a number",
                    e);
        }
    }

    private static String shortHash(String text) {
        return HexFormat.of().formatHex(Hashes.sha256(text), 0, 6);
    }
}
