package io.stowage.typed.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.Store;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.TestStores;
import io.stowage.typed.object.Author;

/**
 * {@code stowage:gc} over an operator API that knows one store: it prints what it collected, and each mistake is its
 * message alone, as Gogo prints it. Its life as a DS component in Felix belongs to the integration tests.
 */
class GcCommandTest {

    private static TestStores stores;
    private final List<StoreId> asked = new ArrayList<>();

    @BeforeAll
    static void open() {
        stores = TestStores.memory();
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void collectsAnObjectStoreAndPrintsTheCounts() {
        Store store = stores.fresh();
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> {
            session.setRoot("kept", new Author("a"));
            session.setRoot("dropped", new Author("b"));
        });
        objects.inSession(session -> session.removeRoot("dropped"));
        GcCommand command = new GcCommand(admin(store));

        String printed = command.gc(label(store));

        assertEquals(List.of(StoreId.parse(label(store))), asked);
        assertTrue(printed.matches("collected 1 object\\(s\\) of " + label(store.namespace(), store.name())
                + " in \\d+ ms; 1 reachable from 1 root\\(s\\)"), printed);
    }

    @Test
    void mistakesPrintTheirMessageAlone() {
        Store store = stores.fresh();
        store.put("plain", new byte[] {1});
        GcCommand command = new GcCommand(admin(store));

        assertEquals("'nostore' does not name a store: use namespace/store",
                assertThrows(GcFailure.class, () -> command.gc("nostore")).toString());
        assertEquals("unknown store no.such/store",
                assertThrows(GcFailure.class, () -> command.gc("no.such/store")).toString());
        assertEquals("store " + label(store) + " is not an object store: it has no key 'meta:objects', which an "
                + "object session's first commit writes",
                assertThrows(GcFailure.class, () -> command.gc(label(store))).toString());
        assertEquals("stowage:gc takes 1 argument, got 0\n" + GcCommand.USAGE,
                assertThrows(GcFailure.class, command::gc).toString());
        assertEquals(GcCommand.USAGE, command.gc("--help"));
    }

    /** An operator API that knows {@code store} alone and refuses every other call. */
    private StowageAdmin admin(Store store) {
        return (StowageAdmin) Proxy.newProxyInstance(StowageAdmin.class.getClassLoader(),
                new Class<?>[] {StowageAdmin.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("existingStore")) {
                        throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                    }
                    StoreId id = (StoreId) args[0];
                    asked.add(id);
                    if (!id.label().equals(label(store))) {
                        throw new UnknownStoreException("unknown store " + id.label());
                    }
                    return reopen(store);
                });
    }

    /** A handle the command may close, on the same data: the test keeps its own open. */
    private static Store reopen(Store store) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String label(Store store) {
        return label(store.namespace(), store.name());
    }

    private static String label(String namespace, String name) {
        return namespace + "/" + name;
    }
}
