package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.InvalidInputException;
import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;

/**
 * {@code stowage:gc} over an operator API that knows one store, a real one on the memory backend: it prints the counts
 * of the typed-data API's collection in the line docs/typed-data.md shows, and each mistake is a message that names
 * it. Finding typed-bundle missing is {@link TypedDataWiringTest}'s.
 */
class ObjectGarbageTest {

    private static final Pattern DOCUMENTED = Pattern.compile("```gogo\\ng! stowage:gc (\\S+)\\n(.*?)\\n```\\n",
            Pattern.DOTALL);

    private static MemoryBackend backend;
    private static EmbeddedKernel kernel;
    private static int stores;

    private final List<String> asked = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    /** What the object stores of this test hold. */
    public record Item(String name) {
    }

    @BeforeAll
    static void open() {
        backend = MemoryBackend.outsideFramework("gc", Long.MAX_VALUE, Loggers.silent());
        kernel = new EmbeddedKernel(backend, "memory", 5_000, System::currentTimeMillis, Loggers.silent());
    }

    @AfterAll
    static void close() {
        kernel.close();
        backend.close();
    }

    @Test
    void collectsWhatNoRootReachesAndPrintsTheCounts() {
        Store store = objectStoreWithOneDroppedRoot();
        OperatorCommands commands = new OperatorCommands(admin(store));

        String printed = commands.gc(label(store), null);

        assertTrue(printed.matches("collected 1 object\\(s\\) of " + Pattern.quote(label(store))
                + " in \\d+ ms; 1 reachable from 1 root\\(s\\)"), printed);
        assertEquals(List.of(label(store)), asked);
        assertEquals(List.of(label(store)), closed, "the command closes the handle it opened");
        assertTrue(commands.gc(label(store), "1").startsWith("collected 0 object(s) of " + label(store)),
                "a page of one key at a time collects too");
    }

    @Test
    void printsTheLineTheTypedDataGuideShows() throws IOException {
        Matcher shown = DOCUMENTED.matcher(Files.readString(
                Path.of(System.getProperty("stowage.root", "..")).resolve("docs/typed-data.md")));
        assertTrue(shown.find(), "docs/typed-data.md shows no stowage:gc");
        // Whatever name is typed, the operator API here hands out this test's store
        String printed = new OperatorCommands(admin(objectStoreWithOneDroppedRoot())).gc(shown.group(1), null);
        assertEquals(shown.group(2).replaceAll("\\d+", "N"), printed.replaceAll("\\d+", "N"));
    }

    @Test
    void eachMistakeIsAMessageNamingIt() {
        Store plain = fresh();
        plain.put("plain", new byte[] {1});
        OperatorCommands commands = new OperatorCommands(admin(plain));

        assertEquals("unknown store no.such/store", assertThrows(UnknownStoreException.class,
                () -> commands.gc("no.such/store", null)).getMessage());
        assertEquals("store " + label(plain) + " is not an object store: it has no key 'meta:objects', which an "
                + "object session's first commit writes", assertThrows(IllegalArgumentException.class,
                        () -> commands.gc(label(plain), null)).getMessage());
        assertEquals("'nostore' does not name a store: use namespace/store",
                assertThrows(InvalidInputException.class, () -> commands.gc("nostore", null)).getMessage());
        for (String bad : new String[] {"0", "-3", "many"}) {
            assertEquals("--page-size '" + bad + "' is not a page size: use a whole number from 1",
                    assertThrows(CommandFailure.class, () -> commands.gc(label(plain), bad)).getMessage());
        }
        assertEquals("page size 20000 must be 1 to 10000", assertThrows(IllegalArgumentException.class,
                () -> commands.gc(label(objectStoreWithOneDroppedRoot()), "20000")).getMessage());
    }

    private Store objectStoreWithOneDroppedRoot() {
        Store store = fresh();
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> {
            session.setRoot("kept", new Item("a"));
            session.setRoot("dropped", new Item("b"));
        });
        objects.inSession(session -> session.removeRoot("dropped"));
        return store;
    }

    private static Store fresh() {
        return kernel.namespace("io.stowage.shell.test").store("s" + ++stores);
    }

    /** An operator API that knows {@code store} alone, handing out handles the command may close. */
    private StowageAdmin admin(Store store) {
        return new AnsweringAdmin().answer("existingStore", args -> {
            StoreId id = (StoreId) args[0];
            asked.add(id.label());
            if (id.namespace().startsWith("no.such")) {
                throw new UnknownStoreException("unknown store " + id.label());
            }
            return handle(store, id.label());
        }).admin();
    }

    private Store handle(Store store, String label) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.add(label);
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
        return store.namespace() + "/" + store.name();
    }
}
