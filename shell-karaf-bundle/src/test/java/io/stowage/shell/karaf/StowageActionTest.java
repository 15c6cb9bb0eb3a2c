package io.stowage.shell.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.shell.command.CommandFailure;

/**
 * A command prints its result and returns nothing; a failure the user can act on is Karaf's CommandException (one
 * line, which Karaf logs at DEBUG only), any other keeps its class and says where its stack trace is.
 */
class StowageActionTest {

    @Test
    void theResultIsPrintedNotReturned() throws Exception {
        Store users = Answering.of(Store.class).answer("get", args -> "alice".getBytes(StandardCharsets.UTF_8))
                .answer("keys", args -> new Page<>(java.util.List.of("user:1", "user:2"), null)).service();
        StowageAdmin admin = Answering.of(StowageAdmin.class).answer("existingStore", args -> users).service();

        Get get = with(new Get(), admin);
        get.store = "app/users";
        get.key = "user:1";
        assertEquals("alice" + System.lineSeparator(), printed(get::execute));

        Keys keys = with(new Keys(), admin);
        keys.store = "app/users";
        keys.glob = "user:*";
        assertEquals("user:1" + System.lineSeparator() + "user:2" + System.lineSeparator(), printed(keys::execute));
    }

    @Test
    void aMistakeIsKarafsCommandExceptionWithTheMessageAlone() {
        StowageAdmin admin = Answering.of(StowageAdmin.class).answer("existingStore", args -> {
            throw new UnknownStoreException("unknown store " + args[0]);
        }).service();
        Get get = with(new Get(), admin);
        get.store = "no/such";
        get.key = "k";
        CommandException unknown = assertThrows(CommandException.class, get::execute);
        assertEquals("unknown store no/such", unknown.getMessage());
        // Karaf shows the message alone, and logs at DEBUG only an exception of exactly this simple name
        assertEquals("CommandException", unknown.getClass().getSimpleName());

        Put put = with(new Put(), admin);
        put.store = "app/users";
        put.key = "k";
        put.value = "v";
        put.ttl = "soon";
        CommandException ttl = assertThrows(CommandException.class, put::execute);
        assertTrue(ttl.getMessage().startsWith("TTL 'soon' is not a duration"), ttl.getMessage());
        assertFalse(ttl.getMessage().contains(System.lineSeparator()), "one line");
    }

    @Test
    void gcTakesItsPageSizeAsTextSoTheSharedMessageNamesAMistake() {
        Gc gc = with(new Gc(), Answering.of(StowageAdmin.class).service());
        gc.store = "app/objects";
        gc.pageSize = "lots";
        assertEquals("--page-size 'lots' is not a page size: use a whole number from 1",
                assertThrows(CommandException.class, gc::execute).getMessage());
    }

    @Test
    void anUnexpectedFailureKeepsItsClassAndSaysWhereItsStackTraceIs() {
        StowageAdmin admin = Answering.of(StowageAdmin.class).answer("namespaces", args -> {
            throw new NullPointerException("a bug");
        }).service();
        Exception failure = assertThrows(Exception.class, with(new Namespaces(), admin)::execute);
        assertFalse(failure instanceof CommandException, "Karaf logs anything else at ERROR, with its stack trace");
        assertTrue(failure instanceof CommandFailure);
        assertEquals("unexpected java.lang.NullPointerException: a bug (" + StowageAction.WHERE_LOGGED + ")",
                failure.getMessage());
        assertTrue(failure.getCause() instanceof NullPointerException);
    }

    private static <A extends StowageAction> A with(A action, StowageAdmin admin) {
        action.admin = admin;
        return action;
    }

    /** What the call printed on System.out, which Karaf makes the command's own output; it must return nothing. */
    private static String printed(Callable<Object> call) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertNull(call.call(), "Karaf's exec sessions would not print a returned value");
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
