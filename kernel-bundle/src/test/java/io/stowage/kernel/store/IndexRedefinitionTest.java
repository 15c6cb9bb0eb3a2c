package io.stowage.kernel.store;

import static io.stowage.kernel.store.IndexedStoreTest.await;
import static io.stowage.kernel.store.IndexedStoreTest.v;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.KernelSettings;
import io.stowage.kernel.index.GatedWordsIndex;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.index.WordsIndex;
import io.stowage.kernel.migration.QuietWatch;
import io.stowage.kernel.migration.StoreMigrator;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.BackendEntry;
import io.stowage.testlog.Loggers;

/**
 * A changed index definition is built beside the index, which answers lookups with its own until then: writes keep
 * both, the new one takes the index's place in one step once built, and the old entries go. A replacement that cannot
 * be built leaves the index as it was; a newer change abandons it; a drop drops both.
 */
class IndexRedefinitionTest {

    private final KernelHarness harness = new KernelHarness();
    private final GatedWordsIndex gated = new GatedWordsIndex();
    private final StoreRoute route;
    private final Store store;

    IndexRedefinitionTest() {
        harness.kernel.indexFunctions().add(new WordsIndex(), TransformVersion.parse("1.0.0"));
        harness.kernel.indexFunctions().add(gated, TransformVersion.parse("1.0.0"));
        route = harness.kernel.route("app", "s");
        store = harness.namespace("app").store("s");
        store.put("a", v("red apple"));
        store.put("b", v("green apple"));
        store.put("c", v("red cherry"));
    }

    @AfterEach
    void close() {
        gated.open();
        harness.close();
    }

    @Test
    void theIndexAnswersWhileItsNewDefinitionBuildsAndWritesKeepBothThenTheyTradePlaces() throws Exception {
        LiveIndex serving = built(false);
        LiveIndex replacement = redefine("gated-words", Map.of("first", "true"), false);
        assertEquals(LiveIndex.State.BUILDING, replacement.state());
        assertSame(replacement, route.indexes().replacementOf("w"));
        gated.awaitBuildHeld();

        assertEquals(List.of("apple=a", "apple=b"), hits(IndexQuery.exact("apple")));
        store.put("d", v("blue plum"));
        store.delete("c");
        assertEquals(List.of("apple=a", "apple=b", "blue=d", "green=b", "plum=d", "red=a"), hits(IndexQuery.all()));
        assertSame(serving, route.indexes().named("w"));
        assertEquals(6, rawEntries(space("w")), "the index's entries, kept by the writes");
        assertEquals(1, rawEntries(space(replacement.space)), "the write of d in the new definition's space");

        gated.open();
        await(() -> route.indexes().named("w") == replacement);
        assertEquals(LiveIndex.State.READY, replacement.state());
        assertEquals(List.of("blue=d", "green=b", "red=a"), hits(IndexQuery.all()));
        await(() -> rawEntries(space("w")) == 0);
        assertEquals(3, rawEntries(allSpaces("w")));
        assertNull(route.indexes().replacementOf("w"));
    }

    @Test
    void aStoreWhoseIndexIsRebuiltIsNotMigratedUntilTheRebuildIsDone() throws Exception {
        harness.kernel.bind("other", new BoundBackend(KernelHarness.memoryBackend("other", 1_000_000), "memory",
                "1.0.0"));
        StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> { });
        built(false);
        LiveIndex replacement = redefine("gated-words", Map.of("first", "true"), false);
        gated.awaitBuildHeld();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> migrator.migrate(route, "other", false, new QuietWatch()));
        assertTrue(refused.getMessage().contains("being rebuilt"), refused.getMessage());
        assertEquals("default", harness.kernel.configurationFor("app", "s"));

        gated.open();
        await(() -> route.indexes().named("w") == replacement && !route.indexes().replacing());
        migrator.migrate(route, "other", false, new QuietWatch());
        assertEquals("other", harness.kernel.configurationFor("app", "s"));
        // The new definition indexes first words only, and moved with the store
        assertEquals(List.of("red=a", "red=c"), hits(IndexQuery.exact("red")));
    }

    @Test
    void aReplacementThatCannotBeBuiltLeavesTheIndexServingAndSaysWhy() {
        store.put("d", v("red plum"));
        LiveIndex serving = built(false);
        LiveIndex replacement = redefine("words", Map.of("first", "true"), true);
        await(() -> serving.failedReplacement() == replacement && !route.indexes().contains(replacement)
                && rawEntries(space(replacement.space)) == 0);
        assertEquals(LiveIndex.State.FAILED, replacement.state());
        assertTrue(replacement.failure().contains("'red'"), replacement.failure());
        assertSame(serving, route.indexes().named("w"));
        store.put("e", v("red grape"));
        assertEquals(List.of("red=a", "red=c", "red=d", "red=e"), hits(IndexQuery.exact("red")));
        assertEquals(rawEntries(space("w")), rawEntries(allSpaces("w")));
    }

    @Test
    void aNewerChangeAbandonsTheReplacementBeingBuiltAndDeletesItsEntries() throws Exception {
        LiveIndex abandoned = heldReplacementWithOneWrite();
        assertEquals(1, rawEntries(space(abandoned.space)));
        LiveIndex replacement = letGoOnceOffTheWrites(abandoned,
                () -> redefine("words", Map.of("first", "true"), false));
        assertEquals(0, rawEntries(space(abandoned.space)));
        await(() -> route.indexes().named("w") == replacement);
        assertEquals(LiveIndex.State.BUILDING, abandoned.state(), "its build stopped");
        assertEquals(List.of("blue=d", "green=b", "red=a", "red=c"), hits(IndexQuery.all()));
        await(() -> rawEntries(allSpaces("w")) == 4);
    }

    @Test
    void droppingAnIndexWhileItIsRedefinedDropsBoth() throws Exception {
        LiveIndex replacement = heldReplacementWithOneWrite();
        assertTrue(letGoOnceOffTheWrites(replacement, () -> harness.kernel.indexes().drop(route, "w")));
        assertNull(route.indexes().named("w"));
        assertNull(route.indexes().replacementOf("w"));
        assertEquals(0, rawEntries(allSpaces("w")));
        store.put("e", v("yellow banana"));
        assertEquals(0, rawEntries(allSpaces("w")));
    }

    @Test
    void aRestartBuildsTheNewestDefinitionAndClearsWhatAReplacementLeft() throws Exception {
        LiveIndex left = heldReplacementWithOneWrite();
        assertTrue(rawEntries(space(left.space)) > 0);
        harness.kernel.close();
        // The next runtime: the index configured with the newest definition, as its configuration says
        try (Kernel next = new Kernel(new KernelSettings("default", 200, 3_600_000), harness.clock, Loggers.silent())) {
            next.indexFunctions().add(new WordsIndex(), TransformVersion.parse("1.0.0"));
            next.bind("default", new BoundBackend(harness.backend, "memory", "1.0.0"));
            LiveIndex newest = next.indexes().create(next.route("app", "s"),
                    new IndexDefinition("w", "words", Map.of("first", "true"), false));
            await(() -> newest.state() != LiveIndex.State.BUILDING);
            assertEquals(LiveIndex.State.READY, newest.state(), newest::failure);
            assertEquals("w", newest.space);
            assertEquals(0, rawEntries(space(left.space)));
            assertEquals(4, rawEntries(allSpaces("w")), "red=a, green=b, red=c, blue=d and nothing else");
        }
    }

    @Test
    void anIndexNotBuiltYetIsBuiltAnewAndTheSameDefinitionChangesNothing() {
        LiveIndex serving = built(false);
        assertSame(serving, redefine("words", Map.of(), false));
        LiveIndex replacement = redefine("words", Map.of("first", "true"), false);
        assertSame(replacement, redefine("words", Map.of("first", "true"), false), "delivered twice");
        await(() -> route.indexes().named("w") == replacement);
        LiveIndex failing = harness.kernel.indexes().create(route, new IndexDefinition("u", "words", Map.of(), true));
        await(() -> failing.state() == LiveIndex.State.FAILED);
        LiveIndex anew = harness.kernel.indexes().redefine(route, new IndexDefinition("u", "words", Map.of(), false));
        assertSame(anew, route.indexes().named("u"), "a failed index has no lookups to keep: it is built anew");
        assertNull(route.indexes().replacementOf("u"));
    }

    /** A built index being redefined, its replacement's build held at the gate, and one write that kept both. */
    private LiveIndex heldReplacementWithOneWrite() throws InterruptedException {
        built(false);
        LiveIndex replacement = redefine("gated-words", Map.of("first", "true"), false);
        gated.awaitBuildHeld();
        store.put("d", v("blue plum"));
        return replacement;
    }

    /**
     * Runs a change that takes the held replacement off the writes. The held build is in a write, which the change
     * waits for before it deletes the replacement's entries: the gate opens once the replacement is off.
     */
    private <T> T letGoOnceOffTheWrites(LiveIndex held, Supplier<T> change) throws Exception {
        CompletableFuture<T> changed = CompletableFuture.supplyAsync(change);
        await(() -> !route.indexes().contains(held));
        gated.open();
        return changed.get(10, TimeUnit.SECONDS);
    }

    private LiveIndex built(boolean unique) {
        LiveIndex index = harness.kernel.indexes().create(route, new IndexDefinition("w", "words", Map.of(), unique));
        await(() -> index.state() != LiveIndex.State.BUILDING);
        assertEquals(LiveIndex.State.READY, index.state(), index::failure);
        return index;
    }

    private LiveIndex redefine(String type, Map<String, String> parameters, boolean unique) {
        return harness.kernel.indexes().redefine(route, new IndexDefinition("w", type, parameters, unique));
    }

    /** Every hit of the index that answers lookups, in index order. */
    private List<String> hits(IndexQuery query) {
        List<String> hits = new ArrayList<>();
        String after = null;
        do {
            Page<IndexHit> page = store.index("w").find(query, 2, after);
            page.items().forEach(hit -> hits.add(hit.indexKey() + "=" + hit.key()));
            after = page.continuation();
        } while (after != null);
        return hits;
    }

    /** The backend's keys that hold one of the markers, counted in the backend itself. */
    private long rawEntries(List<byte[]> markers) {
        List<BackendEntry> all = harness.backend.scan(new byte[0], null, 1_000_000);
        return all.stream().filter(entry -> markers.stream().anyMatch(marker -> holds(entry.key(), marker))).count();
    }

    /** Where an index space's entries begin after the store's prefix: {@code 0xFF space 0x00}. */
    private static List<byte[]> space(String space) {
        return List.of(marker(space, 0));
    }

    /** The index's own space and every replacement space of its name. */
    private static List<byte[]> allSpaces(String name) {
        return List.of(marker(name, 0), marker(name, '~'));
    }

    private static byte[] marker(String text, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.writeBytes(text.getBytes(UTF_8));
        out.write(end);
        return out.toByteArray();
    }

    private static boolean holds(byte[] key, byte[] marker) {
        for (int i = 0; i + marker.length <= key.length; i++) {
            if (java.util.Arrays.equals(key, i, i + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }
}
