package io.stowage.index.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.StorageService;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testlog.Loggers;
import io.stowage.typed.Codecs;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;

/**
 * Records written through the typed-data layer, a JSON-codec map (docs/typed-data.md's example) and an object store,
 * found by a field through the real kernel.
 */
class TypedRecordsIndexTest {

    public record Customer(String name, String email, String city) {
    }

    private final MemoryBackend backend = MemoryBackend.outsideFramework("typed", 1_000_000, Loggers.silent());
    private final EmbeddedKernel kernel = EmbeddedKernel.serve(backend).withIndexFunction(new JsonIndex(64, false),
            "1.0.0");
    private final StorageService app = kernel.namespace("com.acme.app");

    @AfterEach
    void close() {
        kernel.close();
        backend.close();
    }

    @Test
    void aPersistentMapOfRecordsIsFoundByAField() {
        PersistentMap<String, Customer> customers = PersistentMaps.of(app.store("customers"), Codecs.strings(),
                Codecs.json(Customer.class));
        customers.put("c1", new Customer("Ada", "ada@example.org", "London"));
        customers.put("c2", new Customer("Alan", "alan@example.org", "Manchester"));
        kernel.createIndex("com.acme.app", "customers", "by-email", "json(pointer=/email, lowercase=true)", true,
                Duration.ofSeconds(30));
        kernel.createIndex("com.acme.app", "customers", "by-city", "json(pointer=/city)", false,
                Duration.ofSeconds(30));
        customers.set("c3", new Customer("Grace", "Grace@Example.org", "London"));

        List<IndexHit> hits = customers.store().index("by-email").find(IndexQuery.exact("grace@example.org"), 10)
                .items();
        assertEquals(List.of(new IndexHit("grace@example.org", "c3")), hits);
        assertEquals(new Customer("Grace", "Grace@Example.org", "London"),
                customers.get(customers.keyCodec().fromKey(hits.get(0).key())));
        assertEquals(List.of("c1", "c3"), customers.store().index("by-city").find(IndexQuery.exact("London"), 10)
                .items().stream().map(IndexHit::key).toList());

        customers.replace("c1", new Customer("Ada", "ada@example.org", "Paris"));
        assertEquals(List.of("c3"), customers.store().index("by-city").find(IndexQuery.exact("London"), 10)
                .items().stream().map(IndexHit::key).toList());

        DuplicateIndexKeyException taken = assertThrows(DuplicateIndexKeyException.class,
                () -> customers.put("c4", new Customer("Ada L.", "ADA@example.org", "Paris")));
        assertEquals("c1", taken.heldBy());
        assertEquals(null, customers.get("c4"));
    }

    @Test
    void anObjectStoresRecordsAreFoundByAFieldUnderValue() {
        ObjectStore objects = ObjectStores.over(app.store("people"));
        objects.inSession(session -> session.setRoot("ada", new Customer("Ada", "ada@example.org", "London")));
        kernel.createIndex("com.acme.app", "people", "by-email", "json(pointer=/value/email)", true,
                Duration.ofSeconds(30));
        objects.inSession(session -> session.setRoot("grace", new Customer("Grace", "grace@example.org", "NYC")));

        for (String name : List.of("ada", "grace")) {
            String id = objects.fromSession(session -> session.refTo(session.root(name, Customer.class)).id()
                    .orElseThrow());
            assertEquals(List.of(new IndexHit(name + "@example.org", "obj:" + id)), objects.store().index("by-email")
                    .find(IndexQuery.exact(name + "@example.org"), 10).items());
        }
        assertEquals(2, kernel.indexEntries("com.acme.app", "people", "by-email"));
    }
}
