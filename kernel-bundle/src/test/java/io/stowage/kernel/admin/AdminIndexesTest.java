package io.stowage.kernel.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.InvalidInputException;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.index.IndexConfigurations;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.IndexDefinitionStore;
import io.stowage.kernel.index.WordsIndex;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.testlog.Loggers;

/**
 * The operator's indexes: created checked and saved, listed with state and size, dropped; and from configuration;
 * and the counts of how each is used.
 */
class AdminIndexesTest {

    private static final StoreId USERS = new StoreId("app", "users");

    private KernelHarness harness;
    private BackendInstances instances;
    private StowageAdmin admin;
    private final List<String> saved = new ArrayList<>();

    @BeforeEach
    void start() {
        harness = new KernelHarness();
        harness.kernel.indexFunctions().add(new WordsIndex(), TransformVersion.parse("1.0.0"));
        instances = new BackendInstances(harness.kernel, null, Loggers.silent());
        admin = new AdminServiceFactory(harness.kernel, instances, (namespace, store, configuration) -> { },
                new IndexDefinitionStore() {
                    @Override
                    public void save(StoreId store, IndexDefinition definition) {
                        saved.add(store + " " + definition);
                    }

                    @Override
                    public void remove(StoreId store, String index) {
                        saved.add(store + " -" + index);
                    }
                }, Loggers.silent()).view();
    }

    @AfterEach
    void stop() {
        instances.close();
        harness.close();
    }

    private IndexInfo awaitBuilt(String name) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            IndexInfo info = admin.indexes().stream().filter(index -> index.name().equals(name)).findFirst()
                    .orElseThrow();
            if (info.state() != IndexState.BUILDING) {
                return info;
            }
            assertTrue(System.nanoTime() < deadline, "built within 10 s");
            Thread.onSpinWait();
        }
    }

    @Test
    void anIndexIsCreatedSavedListedAndDropped() {
        Store users = harness.namespace("app").store("users");
        users.put("u1", "ada lovelace".getBytes(UTF_8));
        users.put("u2", "alan turing".getBytes(UTF_8));
        IndexInfo created = admin.createIndex(USERS, "first", "words(first=true)", true);
        assertEquals("words(first=true)", created.function());
        IndexInfo built = awaitBuilt("first");
        assertEquals(new IndexInfo(USERS, "first", "words(first=true)", true, IndexState.READY, 2, 2, ""), built);
        assertEquals(List.of("app/users first = words(first=true) unique"), saved);
        assertEquals("u2", users.index("first").find(IndexQuery.exact("alan"), 10).items().get(0).key());

        assertEquals(built, admin.createIndex(USERS, "first", "words(first=true)", true), "as it is already");
        assertThrows(IndexUnavailableException.class, () -> admin.createIndex(USERS, "other", "json(pointer=/a)",
                false));
        InvalidInputException syntax = assertThrows(InvalidInputException.class,
                () -> admin.createIndex(USERS, "other", "words(first", false));
        assertTrue(syntax.getMessage().startsWith("index other of store app/users: function 'words(first' at "
                + "position"), syntax.getMessage());

        assertTrue(admin.dropIndex(USERS, "first"));
        assertEquals(List.of(), admin.indexes());
        assertEquals("app/users -first", saved.get(saved.size() - 1));
        assertFalse(admin.dropIndex(USERS, "first"));
    }

    @Test
    void anIndexWaitingForItsFunctionIsBuildingAndItsEntriesAreNotCounted() {
        harness.namespace("app").store("users").put("u1", "ada".getBytes(UTF_8));
        harness.kernel.indexes().create(harness.kernel.route("app", "users"),
                new IndexDefinition("later", "not-installed", java.util.Map.of(), false));
        IndexInfo waiting = admin.index(USERS, "later").orElseThrow();
        assertEquals(IndexState.BUILDING, waiting.state());
        assertEquals(-1, waiting.entries());
        assertEquals(java.util.Optional.empty(), admin.index(USERS, "other"));
        assertTrue(admin.dropIndex(USERS, "later"));
    }

    @Test
    void configurationsDefineRedefineAndDropIndexes() throws ConfigurationException {
        Store users = harness.namespace("app").store("users");
        users.put("u1", "ada lovelace".getBytes(UTF_8));
        IndexConfigurations configurations = new IndexConfigurations(harness.kernel);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("store", "app/users");
        properties.put("name", "w");
        properties.put("function", "words");
        configurations.updated("pid-1", properties);
        assertEquals(2, awaitBuilt("w").entries());
        configurations.updated("pid-1", properties); // delivered again: nothing changes
        assertEquals(1, admin.indexes().size());
        properties.put("function", "words(first=true)");
        configurations.updated("pid-1", properties);
        IndexInfo redefined = awaitServing("w", "words(first=true)");
        assertEquals(1, redefined.entries());
        assertEquals(List.of(redefined), admin.indexes());
        properties.put("function", "words(");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> configurations.updated("pid-2", properties));
        assertTrue(refused.getMessage().contains("pid-2"), refused.getMessage());
        configurations.deleted("pid-1");
        assertEquals(List.of(), admin.indexes());
    }

    @Test
    void creatingAnIndexOfANameInUseRedefinesItAndAFailedReplacementIsListedAfterIt() {
        Store users = harness.namespace("app").store("users");
        users.put("u1", "ada lovelace".getBytes(UTF_8));
        users.put("u2", "ada byron".getBytes(UTF_8));
        admin.createIndex(USERS, "w", "words", false);
        IndexInfo serving = awaitBuilt("w");
        IndexInfo replacing = admin.createIndex(USERS, "w", "words(first=true)", true);
        // Building two values is quick: the unique replacement may have failed already when the call returns
        assertTrue(replacing.state() == IndexState.REPLACING || replacing.state() == IndexState.FAILED,
                replacing.toString());
        assertEquals("words(first=true)", replacing.function());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (admin.indexes().get(admin.indexes().size() - 1).state() == IndexState.REPLACING) {
            assertTrue(System.nanoTime() < deadline, "the replacement done within 10 s");
            Thread.onSpinWait();
        }
        List<IndexInfo> listed = admin.indexes();
        assertEquals(serving, listed.get(0), "the index goes on as it was");
        assertEquals(IndexState.REPLACEMENT_FAILED, listed.get(1).state());
        assertEquals("words(first=true)", listed.get(1).function());
        assertTrue(listed.get(1).failure().contains("'ada'"), listed.get(1).failure());
        assertEquals(List.of("app/users w = words", "app/users w = words(first=true) unique"), saved);
        assertEquals(serving, admin.index(USERS, "w").orElseThrow());
    }

    @Test
    void anIndexCountsItsLookupsTheEntriesWritesChangeAndTheWritesItRefuses() {
        Store users = harness.namespace("app").store("users");
        users.put("u1", "ada lovelace".getBytes(UTF_8));
        admin.createIndex(USERS, "first", "words(first=true)", true);
        awaitBuilt("first");
        IndexStatistics built = usage("first");
        assertEquals(IndexState.READY, built.state());
        assertEquals(1, built.built());
        assertTrue(built.buildTime().toNanos() > 0, built.toString());
        assertEquals(List.of(0L, 0L, 0L, 0L), counts(built), "the build's own entries are not the writes'");

        users.index("first").find(IndexQuery.exact("ada"), 10);
        users.index("first").entries(IndexQuery.prefix("a"), 10);
        IndexStatistics looked = usage("first");
        assertEquals(List.of(2L, 0L, 0L, 0L), counts(looked));
        assertEquals(2, looked.lookupLatency().timed(), "at this pace every lookup is timed");
        assertTrue(looked.lookupLatency().maxNanos() > 0, looked.toString());

        users.put("u2", "alan turing".getBytes(UTF_8));
        assertEquals(List.of(2L, 1L, 0L, 0L), counts(usage("first")), "a new value's index key");
        users.put("u2", "grace hopper".getBytes(UTF_8));
        assertEquals(List.of(2L, 2L, 1L, 0L), counts(usage("first")), "the new key written, the old one removed");
        users.delete("u2");
        assertEquals(List.of(2L, 2L, 2L, 0L), counts(usage("first")), "a delete removes its entry");

        assertThrows(DuplicateIndexKeyException.class, () -> users.put("u3", "ada byron".getBytes(UTF_8)));
        assertEquals(List.of(2L, 2L, 2L, 1L), counts(usage("first")), "refused, so nothing written");
        assertNull(users.get("u3"));
        assertEquals(List.of("u1"), users.index("first").find(IndexQuery.exact("ada"), 10).items().stream()
                .map(hit -> hit.key()).toList());
    }

    private IndexStatistics usage(String name) {
        return admin.indexStatistics(USERS).stream().filter(index -> index.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Lookups, entries written, entries removed, unique refusals. */
    private static List<Long> counts(IndexStatistics statistics) {
        return List.of(statistics.lookups(), statistics.entriesWritten(), statistics.entriesRemoved(),
                statistics.uniqueRefusals());
    }

    /** The index of that name once it answers lookups with that function. */
    private IndexInfo awaitServing(String name, String function) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            IndexInfo info = admin.index(USERS, name).orElseThrow();
            if (info.function().equals(function)) {
                return info;
            }
            assertTrue(System.nanoTime() < deadline, "redefined within 10 s");
            Thread.onSpinWait();
        }
    }
}
