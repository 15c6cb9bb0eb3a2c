package io.stowage.typed.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.Store;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.Ref;

/**
 * An application's record changes between two versions of its class, each compiled and loaded on its own as a
 * bundle's revisions are: what version 1 stored reads with version 2, an added field as its default, a removed one
 * ignored, a renamed one through Jackson's {@code @JsonAlias}, references still lazy; and once version 1's object
 * store is dropped, nothing of the typed layer keeps version 1's class loader.
 */
class SchemaChangeTest {

    private static final String VERSION_1 = """
            package shelf;
            import io.stowage.typed.Ref;
            import io.stowage.typed.object.Author;
            public record Book(String title, String isbn, int pages, Ref<Author> author) {
            }
            """;
    private static final String VERSION_2 = """
            package shelf;
            import com.fasterxml.jackson.annotation.JsonAlias;
            import io.stowage.typed.Ref;
            import io.stowage.typed.object.Author;
            import java.util.List;
            public record Book(@JsonAlias("title") String name, int pages, Ref<Author> author, List<String> tags,
                    int edition) {
            }
            """;

    @RegisterExtension
    static final Backends backends = new Backends();

    @TempDir
    Path folder;

    @OnBothBackends
    void whatVersionOneStoredReadsWithVersionTwo(String backend) throws Exception {
        Store store = backends.fresh(backend);
        WeakReference<ClassLoader> versionOne = storeWithVersionOne(store);

        try (URLClassLoader versionTwo = ClassVersions.compile(folder.resolve("v2"),
                Map.of("shelf/Book.java", VERSION_2))) {
            Class<?> book = versionTwo.loadClass("shelf.Book");
            ObjectStore objects = ObjectStores.over(store);
            Map<String, Object> read = objects.fromSession(session -> {
                Object stored = session.root("book", book);
                Ref<?> author = (Ref<?>) component(stored, "author");
                return Map.of("name", component(stored, "name"), "pages", component(stored, "pages"),
                        "tags", String.valueOf(component(stored, "tags")), "edition", component(stored, "edition"),
                        "author", ((Author) author.get()).name());
            });
            assertEquals(Map.of("name", "The Left Hand of Darkness", "pages", 304, "tags", "null", "edition", 0,
                    "author", "Le Guin"), read);
        }

        awaitCollected(versionOne);
    }

    /** Stores a version 1 book under the root "book" and drops everything of version 1 but a weak reference. */
    private WeakReference<ClassLoader> storeWithVersionOne(Store store) throws Exception {
        try (URLClassLoader versionOne = ClassVersions.compile(folder.resolve("v1"),
                Map.of("shelf/Book.java", VERSION_1))) {
            Class<?> book = versionOne.loadClass("shelf.Book");
            Object value = book.getDeclaredConstructors()[0].newInstance("The Left Hand of Darkness",
                    "978-0441478125", 304, Ref.to(new Author("Le Guin")));
            ObjectStore objects = ObjectStores.over(store);
            objects.inSession(session -> session.setRoot("book", value));
            Object again = objects.fromSession(session -> session.root("book", book));
            assertEquals("978-0441478125", component(again, "isbn"));
            return new WeakReference<>(versionOne);
        }
    }

    /** The weak reference clears: nothing strong is left of the loader (the GC is asked, for at most 10 s). */
    private static void awaitCollected(WeakReference<ClassLoader> loader) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
        }
        assertNull(loader.get(), "version 1's class loader is still reachable");
    }

    private static Object component(Object record, String name) {
        try {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getAccessor().invoke(record);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(record.getClass() + " has no component " + name);
    }

    @OnBothBackends
    void aClassMovedToAnotherNameIsATypedErrorNamingBoth(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> session.setRoot("a", new Author("x")));
        CodecMismatchException error = assertThrows(CodecMismatchException.class,
                () -> objects.inSession(session -> session.root("a", Node.class)));
        assertTrue(error.getMessage().contains("holds a " + Author.class.getName() + ", read as a "
                + Node.class.getName()), error.getMessage());
    }
}
