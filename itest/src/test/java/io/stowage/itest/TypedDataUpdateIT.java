package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

import io.stowage.typed.CodecRegistry;
import io.stowage.typed.CodecUnavailableException;
import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;

/**
 * Typed data across live updates of the bundles that own it, in Felix: an application keeps records through the
 * JSON codec, is updated to a version whose record has a field added, one removed and one renamed (mapped by
 * {@code @JsonAlias}), and reads everything back with its new classes, Jackson resolving them through the
 * application's class loader; the old revision's class loader is then collected. A second application finds its own
 * store of the same name empty. A codec another bundle registers as a service serves by id, and its bundle's
 * uninstall makes the data it wrote a typed error naming it, until it is back.
 */
public class TypedDataUpdateIT extends FrameworkProbe {

    private static final long TIMEOUT_MILLIS = 15_000;

    @Before
    public void durableDefaultBackend() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.awaitWritable(storage().store("ready"), "k", "v", log);
    }

    @Test
    public void anUpdatedApplicationReadsItsRecordsWithItsNewClassesAndItsOldClassLoaderIsCollected()
            throws Exception {
        Bundle app = context.installBundle("test:demo.notes.updated", NotesApp.version1("demo.notes.updated").jar());
        app.start();
        Map<String, Object> before = report("demo.notes.updated", "1.0.0");
        assertEquals(Set.of("n1", "n2", "n3"), before.keySet());
        assertEquals(Map.of("title", "first", "body", "body one", "priority", 5,
                "attachment", "Tag[name=red] of this revision"), before.get("n1"));
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(app.adapt(BundleWiring.class).getClassLoader());

        app.update(NotesApp.version2("demo.notes.updated").jar());
        Revisions.refresh(context, app);

        assertNotSame("a new revision's class loader", oldLoader.get(),
                app.adapt(BundleWiring.class).getClassLoader());
        Map<String, Object> after = report("demo.notes.updated", "2.0.0");
        assertEquals(Set.of("n1", "n2", "n3", "n4"), after.keySet());
        // priority is gone, stars reads as its default, body reads into text; the attachment's class, named in the
        // JSON, is the new revision's: Jackson found it through the application's class loader
        assertEquals(Map.of("title", "first", "text", "body one", "stars", 0,
                "attachment", "Tag[name=red] of this revision"), after.get("n1"));
        assertEquals(Map.of("title", "second", "text", "body two", "stars", 0,
                "attachment", "Tag[name=blue] of this revision"), after.get("n2"));
        assertEquals(Map.of("title", "third", "text", "body three", "stars", 0, "attachment", "null"),
                after.get("n3"));
        assertEquals(Map.of("title", "fourth", "text", "text four", "stars", 4,
                "attachment", "Tag[name=green] of this revision"), after.get("n4"));
        Revisions.awaitCollected("the class loader of demo.notes.updated 1.0.0", oldLoader, TIMEOUT_MILLIS);
        app.uninstall();
    }

    @Test
    public void aSecondApplicationFindsItsOwnStoreOfTheSameNameEmpty() throws Exception {
        Bundle writer = context.installBundle("test:demo.notes.writer", NotesApp.version1("demo.notes.writer").jar());
        writer.start();
        Bundle reader = context.installBundle("test:demo.notes.reader", NotesApp.reader("demo.notes.reader").jar());
        reader.start();

        assertEquals(Set.of("n1", "n2", "n3"), report("demo.notes.writer", "1.0.0").keySet());
        assertEquals(Map.of(), report("demo.notes.reader", "1.0.0"));
        assertEquals("the probe's own store 'notes'", 0, storage().store("notes").count());
        writer.uninstall();
        reader.uninstall();
    }

    @Test
    public void aCodecServiceServesByIdAndItsBundlesUninstallIsATypedErrorNamingIt() throws Exception {
        CodecRegistry registry = service(CodecRegistry.class);
        PersistentMap<String, String> map = PersistentMaps.of(storage().store("reversed"), Codecs.strings(),
                registry.codec(ReversedCodecBundle.ID, String.class));
        Bundle codecs = installCodecBundle(registry);
        map.put("k", "hello");
        assertEquals("hello", map.get("k"));
        String stored = new String(map.store().get("k"), StandardCharsets.UTF_8);
        assertTrue("written by the bundle's codec: " + stored, stored.endsWith("olleh"));
        WeakReference<ClassLoader> codecLoader = new WeakReference<>(codecs.adapt(BundleWiring.class)
                .getClassLoader());

        codecs.uninstall();
        Revisions.refresh(context, codecs);

        CodecUnavailableException e = assertThrows(CodecUnavailableException.class, () -> map.get("k"));
        assertTrue(e.getMessage(), e.getMessage().contains("codec '" + ReversedCodecBundle.ID
                + "' (for java.lang.String) is not registered"));
        assertTrue(e.getMessage(), e.getMessage().contains("key 'k'"));
        // The map made with the handle keeps nothing of the bundle that went
        Revisions.awaitCollected("the class loader of the uninstalled codec bundle", codecLoader, TIMEOUT_MILLIS);

        installCodecBundle(registry);
        assertEquals("the same data, read by the codec installed again", "hello", map.get("k"));
    }

    private Bundle installCodecBundle(CodecRegistry registry) throws Exception {
        Bundle bundle = context.installBundle("test:" + ReversedCodecBundle.NAME + ":" + System.nanoTime(),
                ReversedCodecBundle.sources().jar());
        bundle.start();
        StowageFramework.await("the codec service in the registry", TIMEOUT_MILLIS,
                () -> registry.ids().contains(ReversedCodecBundle.ID));
        return bundle;
    }

    private <S> S service(Class<S> type) throws InterruptedException {
        StowageFramework.await("a " + type.getName() + " service", TIMEOUT_MILLIS,
                () -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    /** What the application's activator read, copied out (JDK types only) and the service released. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> report(String app, String version) throws InterruptedException {
        ServiceReference<?> reference = AppServices.await(context, log, Supplier.class, app, version, TIMEOUT_MILLIS);
        Supplier<Map<String, Object>> supplier = (Supplier<Map<String, Object>>) context.getService(reference);
        try {
            return new TreeMap<>(supplier.get());
        } finally {
            context.ungetService(reference);
        }
    }
}
