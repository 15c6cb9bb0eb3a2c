package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.StoreId;

/** The index commands' text: create with and without waiting, a failed build, drop, and the list. */
class IndexCommandsTest {

    private static final StoreId USERS = new StoreId("demo.app", "users");

    private static IndexInfo info(IndexState state, long built, long entries, String failure) {
        return new IndexInfo(USERS, "by-email", "json(pointer=/email)", true, state, built, entries, failure);
    }

    @Test
    void createReturnsWhileTheBuildRunsOrOnceItIsDone() throws InterruptedException {
        Deque<IndexInfo> states = new ArrayDeque<>(List.of(info(IndexState.BUILDING, 1, -1, ""),
                info(IndexState.READY, 2, 2, "")));
        IndexCommands commands = new IndexCommands(new AnsweringAdmin()
                .answer("createIndex", args -> info(IndexState.BUILDING, 0, 0, ""))
                .answer("index", args -> Optional.of(states.size() > 1 ? states.poll() : states.peek())).admin());
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) is building; stowage:indexes "
                + "shows its progress", commands.create("demo.app/users", "by-email", "json(pointer=/email)", true,
                false));
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) is built: 2 entries from 2 keys",
                commands.create("demo.app/users", "by-email", "json(pointer=/email)", true, true));
    }

    @Test
    void aFailedBuildADropOfNothingAndTheListAreText() {
        IndexCommands commands = new IndexCommands(new AnsweringAdmin()
                .answer("createIndex", args -> info(IndexState.BUILDING, 0, 0, ""))
                .answer("index", args -> Optional.of(info(IndexState.FAILED, 3, 2, "duplicate 'a'")))
                .answer("indexes", args -> List.of(info(IndexState.FAILED, 3, 2, "duplicate 'a'")))
                .answer("dropIndex", args -> false).admin());
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) could not be built: "
                + "duplicate 'a'", assertThrows(CommandFailure.class,
                () -> commands.create("demo.app/users", "by-email", "json(pointer=/email)", true, true)).getMessage());
        assertEquals("store demo.app/users has no index 'x' (stowage:indexes lists them)",
                assertThrows(CommandFailure.class, () -> commands.drop("demo.app/users", "x")).getMessage());
        assertEquals("""
                STORE           INDEX     FUNCTION              UNIQUE  STATE                  BUILT  ENTRIES
                demo.app/users  by-email  json(pointer=/email)  yes     failed: duplicate 'a'      3        2""",
                commands.list(null));
        assertEquals("store other/s has no index", commands.list("other/s"));
        assertEquals("--prefix and --to do not go together: a lookup is by prefix or by range",
                assertThrows(CommandFailure.class, () -> commands.query("demo.app/users", "by-email", "a", true, "b",
                        false, null, null)).getMessage());
    }

    @Test
    void aRedefinitionWaitsForTheSwapAndTheListShowsTheReplacementAfterItsIndex() throws InterruptedException {
        IndexInfo serving = new IndexInfo(USERS, "by-email", "json(pointer=/mail)", false, IndexState.READY, 2, 2, "");
        IndexInfo replacing = info(IndexState.REPLACING, 1, -1, "");
        Deque<List<IndexInfo>> lists = new ArrayDeque<>(List.of(List.of(serving, replacing),
                List.of(info(IndexState.READY, 2, 2, ""))));
        IndexCommands commands = new IndexCommands(new AnsweringAdmin()
                .answer("createIndex", args -> replacing)
                .answer("indexes", args -> lists.size() > 1 ? lists.poll() : lists.peek()).admin());
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) is building beside the index,"
                + " which answers lookups with its former definition until then; stowage:indexes shows its progress",
                commands.create("demo.app/users", "by-email", "json(pointer=/email)", true, false));
        assertEquals("""
                STORE           INDEX     FUNCTION              UNIQUE  STATE      BUILT  ENTRIES
                demo.app/users  by-email  json(pointer=/mail)   no      ready          2        2
                demo.app/users  by-email  json(pointer=/email)  yes     replacing      1        -""",
                commands.list(null));
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) is built: 2 entries from 2 keys",
                commands.create("demo.app/users", "by-email", "json(pointer=/email)", true, true));
    }

    @Test
    void aReplacementThatFailedIsListedAndReported() {
        IndexInfo serving = new IndexInfo(USERS, "by-email", "json(pointer=/mail)", false, IndexState.READY, 2, 2, "");
        List<IndexInfo> failed = List.of(serving, info(IndexState.REPLACEMENT_FAILED, 1, -1, "duplicate 'a'"));
        IndexCommands commands = new IndexCommands(new AnsweringAdmin()
                .answer("createIndex", args -> info(IndexState.REPLACING, 0, -1, ""))
                .answer("indexes", args -> failed).admin());
        assertEquals("index by-email of demo.app/users (json(pointer=/email), unique) could not be built: duplicate"
                + " 'a'; the index answers lookups with its former definition", assertThrows(CommandFailure.class,
                () -> commands.create("demo.app/users", "by-email", "json(pointer=/email)", true, true)).getMessage());
        assertEquals("""
                STORE           INDEX     FUNCTION              UNIQUE  STATE                              BUILT  ENTRIES
                demo.app/users  by-email  json(pointer=/mail)   no      ready                                  2        2
                demo.app/users  by-email  json(pointer=/email)  yes     replacement failed: duplicate 'a'      1        -""",
                commands.list(null));
    }
}
