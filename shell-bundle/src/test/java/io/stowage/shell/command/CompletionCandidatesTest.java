package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.InstanceState;
import io.stowage.admin.StoreId;

/** What Tab offers: names the operator API knows, for the argument under the cursor, and nothing when it cannot say. */
class CompletionCandidatesTest {

    private static final ConfigurationInfo VOLATILE = new ConfigurationInfo("volatile", "memory", "0.0.0",
            InstanceState.UNUSED, "", "", "", List.of(), 0);

    private final CompletionCandidates candidates = new CompletionCandidates(new AnsweringAdmin()
            .answer("knownStores", args -> List.of(new StoreId("app", "users"), new StoreId("app", "cache")))
            .answer("stores", args -> List.of(new StoreId("app", "users"), new StoreId("demo.app", "users")))
            .answer("namespaces", args -> List.of("app", "demo.app"))
            .answer("configurations", args -> List.of(VOLATILE))
            .answer("configuration", args -> Optional.of(VOLATILE))
            .answer("extensions", args -> List.of(
                    new ExtensionInfo(1, "memory", "1.0.0.SNAPSHOT", 7, "io.stowage.storage.memory", List.of()),
                    new ExtensionInfo(2, "memory", "1.1.0", 9, "io.stowage.storage.memory", List.of()),
                    new ExtensionInfo(3, "lmdb", "1.0.0.SNAPSHOT", 8, "io.stowage.storage.lmdb", List.of())))
            .answer("existingStore", args -> {
                throw new io.stowage.admin.UnknownStoreException("unknown store " + args[0]);
            }).admin());

    @Test
    void storesKnownOrHoldingDataOnceEach() {
        assertEquals(List.of("app/cache", "app/users", "demo.app/users"),
                candidates.forWord(CommandCatalog.get("get"), List.of("stowage:get", ""), 1));
    }

    @Test
    void gcCompletesTheStorePastItsPageSize() {
        CommandSpec gc = CommandCatalog.get("gc");
        assertEquals(List.of("app/cache", "app/users", "demo.app/users"),
                candidates.forWord(gc, List.of("stowage:gc", "--page-size", "50", ""), 3));
        assertEquals(List.of(), candidates.forWord(gc, List.of("stowage:gc", "-p", ""), 2), "a page size is typed");
    }

    @Test
    void rewriteCompletesTheStore() {
        assertEquals(List.of("app/cache", "app/users", "demo.app/users"),
                candidates.forWord(CommandCatalog.get("rewrite"), List.of("stowage:rewrite", ""), 1));
        assertEquals(List.of(), candidates.forWord(CommandCatalog.get("rewrite"),
                List.of("stowage:rewrite", "app/users", ""), 2), "no argument is left");
    }

    @Test
    void versionsOfTheNamedConfigurationsTypeAndLatest() {
        assertEquals(List.of("1.0.0.SNAPSHOT", "1.1.0", "latest"),
                candidates.forWord(CommandCatalog.get("move"), List.of("stowage:move", "volatile", "1"), 2));
        assertEquals(List.of("volatile"),
                candidates.forWord(CommandCatalog.get("move"), List.of("stowage:move", "v"), 1));
    }

    @Test
    void nothingWhereTheApiCannotAnswerOrNoArgumentIsLeft() {
        assertEquals(List.of(), candidates.forWord(CommandCatalog.get("get"),
                List.of("stowage:get", "no/such", ""), 2), "the keys of an unknown store");
        assertEquals(List.of(), candidates.forWord(CommandCatalog.get("sweep"), List.of("stowage:sweep", ""), 1));
        assertEquals(List.of(), candidates.forWord(CommandCatalog.get("put"),
                List.of("stowage:put", "-t", ""), 2), "a TTL is typed, not chosen");
    }
}
