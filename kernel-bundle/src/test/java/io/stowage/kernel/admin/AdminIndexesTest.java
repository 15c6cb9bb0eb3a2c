package io.stowage.kernel.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
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

/** The operator's indexes: created checked and saved, listed with state and size, dropped; and from configuration. */
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

        assertThrows(InvalidInputException.class, () -> admin.createIndex(USERS, "first", "words", false));
        assertThrows(IndexUnavailableException.class, () -> admin.createIndex(USERS, "other", "json(pointer=/a)",
                false));
        InvalidInputException syntax = assertThrows(InvalidInputException.class,
                () -> admin.createIndex(USERS, "other", "words(first", false));
        assertTrue(syntax.getMessage().startsWith("index other of store app/users: function 'words(first' at "
                + "position"), syntax.getMessage());

        assertTrue(admin.dropIndex(USERS, "first"));
        assertEquals(List.of(), admin.indexes());
        assertEquals("app/users -first", saved.get(1));
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
        properties.put("function", "words(first=true)");
        configurations.updated("pid-1", properties);
        IndexInfo redefined = awaitBuilt("w");
        assertEquals("words(first=true)", redefined.function());
        assertEquals(1, redefined.entries());
        properties.put("function", "words(");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> configurations.updated("pid-2", properties));
        assertTrue(refused.getMessage().contains("pid-2"), refused.getMessage());
        configurations.deleted("pid-1");
        assertEquals(List.of(), admin.indexes());
    }
}
