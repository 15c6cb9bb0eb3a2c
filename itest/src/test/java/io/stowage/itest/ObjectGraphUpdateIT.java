package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;
import io.stowage.api.Store;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStores;

/**
 * Object graphs across a live update of the bundle that owns them, in Felix: an application keeps a shelf of book
 * records with lazy references to shared authors, is updated to a version whose book has a field added, one removed
 * and one renamed ({@code @JsonAlias}), and reads the graph back with its new classes, loading only what it follows,
 * each shared author once; it changes objects without saving, and a new session sees it; the old revision's class
 * loader is collected. A second application finds no root in its store of the same name and cannot reach the first
 * one's objects even by their ids. The garbage collector, which has none of the application's classes, deletes what
 * the application dropped. How much a command read or wrote is the store's traffic in the operator API.
 */
public class ObjectGraphUpdateIT extends FrameworkProbe {

    private static final long TIMEOUT_MILLIS = 15_000;
    private static final String LE_GUIN = "Ursula K. Le Guin";
    private static final String BUTLER = "Octavia E. Butler";

    @Before
    public void durableDefaultBackend() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.awaitWritable(storage().store("ready"), "k", "v", log);
    }

    @Test
    public void anUpdatedApplicationReadsItsGraphLazilyWithItsNewClassesAndItsOldClassLoaderIsCollected()
            throws Exception {
        String name = "demo.library.updated";
        StoreId store = new StoreId(name, LibraryApp.STORE);
        Bundle app = install(LibraryApp.version1(name));
        ask(name, "1.0.0", "seed");
        Map<?, ?> before = (Map<?, ?>) ask(name, "1.0.0", "read");
        assertEquals("seeded by 1.0.0", before.get("label"));
        assertEquals(List.of(
                Map.of("title", "The Dispossessed", "isbn", "978-0060512750", "year", 1974, "author", LE_GUIN),
                Map.of("title", "The Left Hand of Darkness", "isbn", "978-0441478125", "year", 1969,
                        "author", LE_GUIN),
                Map.of("title", "Kindred", "isbn", "978-0807083697", "year", 1979, "author", BUTLER)),
                before.get("books"));
        assertSharedAuthor(before);
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(app.adapt(BundleWiring.class).getClassLoader());

        app.update(LibraryApp.version2(name).jar());
        Revisions.refresh(context, app);

        assertNotSame("a new revision's class loader", oldLoader.get(),
                app.adapt(BundleWiring.class).getClassLoader());
        // Lazy: the root key and the shelf; then one book more, not its author
        assertEquals(3, readsOf(store, name, "2.0.0", "count", 2));
        assertEquals("The Dispossessed", readsOf(store, name, "2.0.0", "first", 3));
        // All: the root key, the shelf, three books and two authors, each read once though three refs name authors
        Map<?, ?> after = (Map<?, ?>) readsOf(store, name, "2.0.0", "read", 7);
        // isbn is gone, edition reads as its default, title reads into name
        assertEquals(List.of(book("The Dispossessed", 1974, 0, LE_GUIN),
                book("The Left Hand of Darkness", 1969, 0, LE_GUIN), book("Kindred", 1979, 0, BUTLER)),
                after.get("books"));
        assertEquals("the same objects under the same ids", before.get("bookIds"), after.get("bookIds"));
        assertSharedAuthor(after);

        Traffic beforeEdit = traffic(store);
        ask(name, "2.0.0", "edit");
        assertEquals("no save, and only the shelf (changed in place) and the replaced book written", 2,
                traffic(store).writes() - beforeEdit.writes());
        Map<?, ?> edited = (Map<?, ?>) ask(name, "2.0.0", "read");
        assertEquals("relabelled by 2.0.0", edited.get("label"));
        assertEquals(List.of(book("The Dispossessed", 1974, 1, LE_GUIN),
                book("The Left Hand of Darkness", 1969, 0, LE_GUIN), book("Kindred", 1979, 0, BUTLER)),
                edited.get("books"));
        assertEquals("the replacement keeps the book's identity", before.get("bookIds"), edited.get("bookIds"));

        Revisions.awaitCollected("the class loader of " + name + " 1.0.0", oldLoader, TIMEOUT_MILLIS);
        app.uninstall();
    }

    @Test
    public void aSecondApplicationFindsNoRootInItsStoreOfTheSameNameAndCannotReachTheFirstOnesObjects()
            throws Exception {
        Bundle first = install(LibraryApp.version1("demo.library.first"));
        ask("demo.library.first", "1.0.0", "seed");
        Map<?, ?> firsts = (Map<?, ?>) ask("demo.library.first", "1.0.0", "read");
        String book = (String) ((List<?>) firsts.get("bookIds")).get(0);
        assertTrue("the first application's store holds its book",
                ((List<?>) ask("demo.library.first", "1.0.0", "keys")).contains("obj:" + book));
        Bundle second = install(LibraryApp.version1("demo.library.second"));

        assertEquals("what the second application finds in its own store 'library' under the root 'shelf'",
                "no root", ask("demo.library.second", "1.0.0", "read"));
        assertEquals("the second application's store 'library'", List.of(),
                ask("demo.library.second", "1.0.0", "keys"));
        String forged = (String) ask("demo.library.second", "1.0.0", "forge " + book);
        assertTrue("a root naming the first application's object reaches nothing: " + forged,
                forged.contains("key 'obj:" + book + "': no such object"));
        assertTrue(forged, forged.contains("demo.library.second/library"));

        ask("demo.library.second", "1.0.0", "seed");
        Map<?, ?> seconds = (Map<?, ?>) ask("demo.library.second", "1.0.0", "read");
        assertEquals(3, ((List<?>) seconds.get("books")).size());
        List<Object> shared = new ArrayList<>((List<?>) seconds.get("bookIds"));
        shared.retainAll((List<?>) firsts.get("bookIds"));
        assertEquals("objects the two applications share", List.of(), shared);
        assertEquals("the first application's graph after the second wrote its own", firsts,
                ask("demo.library.first", "1.0.0", "read"));
        first.uninstall();
        second.uninstall();
    }

    @Test
    public void theCollectorDeletesWhatTheApplicationDroppedWithoutTheApplicationsClasses() throws Exception {
        String name = "demo.library.collected";
        Bundle app = install(LibraryApp.version1(name));
        ask(name, "1.0.0", "seed");
        assertEquals(true, ask(name, "1.0.0", "drop " + BUTLER));
        assertThrows("the probe, where the collector runs, cannot load the application's classes",
                ClassNotFoundException.class, () -> getClass().getClassLoader().loadClass("demo.library.Book"));

        GarbageCollection collection;
        try (Store store = admin().existingStore(new StoreId(name, LibraryApp.STORE))) {
            collection = ObjectStores.collectGarbage(store);
        }

        assertEquals("Kindred and its author: " + collection, 2, collection.collected());
        assertEquals("the shelf, two books and their one author: " + collection, 4, collection.reachable());
        List<?> keys = (List<?>) ask(name, "1.0.0", "keys");
        assertEquals(keys.toString(), 4, keys.stream().filter(key -> ((String) key).startsWith("obj:")).count());
        Map<?, ?> read = (Map<?, ?>) ask(name, "1.0.0", "read");
        assertEquals(List.of("The Dispossessed", "The Left Hand of Darkness"),
                ((List<?>) read.get("books")).stream().map(book -> ((Map<?, ?>) book).get("title")).toList());
        app.uninstall();
    }

    private Bundle install(AppBundles sources) throws Exception {
        Bundle bundle = context.installBundle("test:" + sources.symbolicName(), sources.jar());
        bundle.start();
        return bundle;
    }

    /** Runs a command of the application's revision and returns its answer (JDK types only), the service released. */
    @SuppressWarnings("unchecked")
    private Object ask(String app, String version, String command) throws InterruptedException {
        ServiceReference<?> reference = AppServices.await(context, log, Function.class, app, version, TIMEOUT_MILLIS);
        try {
            return ((Function<String, Object>) context.getService(reference)).apply(command);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Runs a command that only reads, checks it read exactly {@code keys} keys of the store and wrote none, and
     * returns its answer.
     */
    private Object readsOf(StoreId store, String app, String version, String command, long keys)
            throws InterruptedException {
        Traffic before = traffic(store);
        Object answer = ask(app, version, command);
        Traffic after = traffic(store);
        assertEquals("keys of " + store + " written by '" + command + "': old objects read with new classes are "
                + "no change, so nothing is written back", 0, after.writes() - before.writes());
        assertEquals("keys of " + store + " read by '" + command + "'", keys, after.reads() - before.reads());
        return answer;
    }

    private Traffic traffic(StoreId store) throws InterruptedException {
        return admin().storeStatistics(store).traffic();
    }

    private StowageAdmin admin() throws InterruptedException {
        StowageFramework.await("the StowageAdmin service", TIMEOUT_MILLIS,
                () -> context.getServiceReference(StowageAdmin.class) != null);
        return context.getService(context.getServiceReference(StowageAdmin.class));
    }

    /** Both of Le Guin's books lead to one author, stored once and loaded as one object; Butler's to another. */
    private static void assertSharedAuthor(Map<?, ?> read) {
        List<?> ids = (List<?>) read.get("authorIds");
        assertEquals("one stored author for both of Le Guin's books: " + ids, ids.get(0), ids.get(1));
        assertNotEquals("another for Butler's: " + ids, ids.get(0), ids.get(2));
        assertEquals("distinct author objects the session gave, by book", List.of(0, 0, 1), read.get("authorObjects"));
    }

    private static Map<String, Object> book(String name, int year, int edition, String author) {
        return Map.of("name", name, "year", year, "edition", edition, "author", author);
    }
}
