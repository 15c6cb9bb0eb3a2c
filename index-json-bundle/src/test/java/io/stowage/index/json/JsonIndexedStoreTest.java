package io.stowage.index.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexedEntry;
import io.stowage.api.InvalidValueException;
import io.stowage.api.Store;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testlog.Loggers;

/** Users found by e-mail and by city through the kernel, on the memory backend. */
class JsonIndexedStoreTest {

    private final MemoryBackend backend = MemoryBackend.outsideFramework("json", 1_000_000, Loggers.silent());
    private final EmbeddedKernel kernel = EmbeddedKernel.serve(backend).withIndexFunction(new JsonIndex(64, false),
            "1.0.0");
    private final Store users = kernel.namespace("com.acme.app").store("users");

    @AfterEach
    void close() {
        kernel.close();
        backend.close();
    }

    private static byte[] user(String email, String city) {
        return ("{\"email\":\"" + email + "\",\"address\":{\"city\":\"" + city + "\"}}").getBytes(UTF_8);
    }

    @Test
    void usersAreFoundByEmailAndByCity() {
        users.put("u1", user("ada@example.org", "London"));
        users.put("u2", user("alan@example.org", "Manchester"));
        kernel.createIndex("com.acme.app", "users", "by-email", "json(pointer=/email, lowercase=true)", true,
                Duration.ofSeconds(30));
        kernel.createIndex("com.acme.app", "users", "by-city", "json(pointer=/address/city)", false,
                Duration.ofSeconds(30));
        users.put("u3", user("Grace@Example.org", "London"));

        List<IndexedEntry> found = users.index("by-email").entries(IndexQuery.exact("grace@example.org"), 10).items();
        assertEquals(1, found.size());
        assertEquals("u3", found.get(0).key());
        assertArrayEquals(user("Grace@Example.org", "London"), found.get(0).value());
        assertEquals(List.of(new IndexHit("London", "u1"), new IndexHit("London", "u3")),
                users.index("by-city").find(IndexQuery.exact("London"), 10).items());
        assertEquals(List.of("u1", "u2"), users.index("by-email").find(IndexQuery.prefix("a"), 10).items().stream()
                .map(IndexHit::key).toList());

        DuplicateIndexKeyException taken = assertThrows(DuplicateIndexKeyException.class,
                () -> users.put("u4", user("ADA@example.org", "Paris")));
        assertEquals("u1", taken.heldBy());
        assertNull(users.get("u4"));
        assertEquals(List.of(), users.index("by-city").find(IndexQuery.exact("Paris"), 10).items());
    }

    @Test
    void aValueGivingTooManyKeysIsRefusedNamingStoreAndIndex() {
        EmbeddedKernel strict = EmbeddedKernel.serve(backend).withIndexFunction(new JsonIndex(2, true), "1.0.0");
        try {
            strict.createIndex("com.acme.app", "tags", "t", "json(pointer=/tags)", false, Duration.ofSeconds(30));
            Store tags = strict.namespace("com.acme.app").store("tags");
            InvalidValueException refused = assertThrows(InvalidValueException.class,
                    () -> tags.put("a", "{\"tags\":[1,2,3]}".getBytes(UTF_8)));
            assertTrue(refused.getMessage().startsWith("store com.acme.app/tags: index 't' cannot index key 'a'"),
                    refused.getMessage());
            assertNull(tags.get("a"));
        } finally {
            strict.close();
        }
    }
}
