package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BackendUriTest {

    private static final BackendUri MEMORY = BackendUri.parse(URI.create("stowage:memory"), null, "jcache", null);

    @Test
    void theMemoryUriServesTheDefaultNamespace() {
        assertEquals("memory", MEMORY.backend());
        assertEquals("jcache", MEMORY.namespace());
        assertEquals("memory", MEMORY.instanceKey());
        assertEquals(10L, BackendUri.parse(URI.create("stowage:memory?maxKeys=10"), null, "jcache", null)
                .number("maxKeys", 5));
    }

    @Test
    void anLmdbUriNamesItsFolderInTheQueryOrByProperty() {
        BackendUri inQuery = BackendUri.parse(URI.create("stowage:lmdb?path=/tmp/a&namespace=app"), null, "jcache",
                "/tmp/b");
        assertEquals(Path.of("/tmp/a"), inQuery.folder());
        assertEquals("app", inQuery.namespace());
        assertEquals("lmdb:/tmp/a", inQuery.instanceKey());
        BackendUri byProperty = BackendUri.parse(URI.create("stowage:lmdb"), null, "jcache", "/tmp/b");
        assertEquals(Path.of("/tmp/b"), byProperty.folder());
        assertThrows(IllegalArgumentException.class,
                () -> BackendUri.parse(URI.create("stowage:lmdb"), null, "jcache", null));
    }

    @Test
    void aRedisUriNamesItsServerInTheQueryOrByProperty() {
        BackendUri inQuery = BackendUri.parse(URI.create("stowage:redis?address=10.1.2.3:6380"), null, "jcache",
                null, "127.0.0.1:6379");
        assertEquals("10.1.2.3", inQuery.host());
        assertEquals(6380, inQuery.port());
        assertEquals("redis:10.1.2.3:6380", inQuery.instanceKey());
        BackendUri byProperty = BackendUri.parse(URI.create("stowage:redis"), null, "jcache", null, "127.0.0.1:6379");
        assertEquals("redis:127.0.0.1:6379", byProperty.instanceKey());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> BackendUri.parse(URI.create("stowage:redis"), null, "jcache", null, null));
        assertTrue(none.getMessage().contains(EmbeddedStowage.REDIS_ADDRESS), none.getMessage());
        BackendUri noPort = BackendUri.parse(URI.create("stowage:redis?address=localhost"), null, "jcache", null,
                null);
        assertThrows(IllegalArgumentException.class, noPort::port);
    }

    @Test
    void aForeignUriIsTheDefaultBackendInANamespaceOfItsOwn() {
        BackendUri one = BackendUri.parse(URI.create("urn:app:one"), MEMORY, "jcache", null);
        BackendUri two = BackendUri.parse(URI.create("urn:app:two"), MEMORY, "jcache", null);
        assertEquals("memory", one.backend());
        assertTrue(one.namespace().matches("jcache\\.[0-9a-f]{12}"), one.namespace());
        assertNotEquals(one.namespace(), two.namespace());
        assertEquals(one, BackendUri.parse(URI.create("urn:app:one"), MEMORY, "jcache", null));
    }

    @Test
    void anUnknownBackendOrMalformedQueryIsRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BackendUri.parse(URI.create("stowage:cassandra"), null, "jcache", null));
        assertTrue(unknown.getMessage().contains("'cassandra'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BackendUri.parse(URI.create("stowage:memory?maxKeys"), null, "jcache", null));
        BackendUri notANumber = BackendUri.parse(URI.create("stowage:memory?maxKeys=many"), null, "jcache", null);
        assertThrows(IllegalArgumentException.class, () -> notANumber.number("maxKeys", 1));
    }
}
