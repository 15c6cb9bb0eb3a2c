package io.stowage.shell.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.completers.ArgumentCommandLine;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * Tab offers the names the operator API knows that start with the word typed, the keys of the store named before the
 * key, and takes any key already typed; Karaf asks about a word typed before the cursor alone.
 */
class CandidatesCompleterTest {

    private final StowageAdmin admin = Answering.of(StowageAdmin.class)
            .answer("knownStores", args -> List.of(new StoreId("demo", "users"), new StoreId("demo", "sessions")))
            .answer("stores", args -> List.of(new StoreId("demo", "users"), new StoreId("app", "cache")))
            .answer("existingStore", args -> {
                if (!args[0].equals(new StoreId("demo", "users"))) {
                    throw new UnknownStoreException("unknown store " + args[0]);
                }
                return Answering.of(Store.class)
                        .answer("keys", keys -> new Page<>(List.of("config:a", "user:1", "user:2"), null)).service();
            }).service();

    @Test
    void storesStartingWithTheWordTyped() {
        assertEquals(List.of("app/cache ", "demo/sessions ", "demo/users "),
                complete(new StoreCompleter(), "stowage:get", ""));
        assertEquals(List.of("demo/users "), complete(new StoreCompleter(), "stowage:get", "demo/u"));
        assertEquals(List.of(), complete(new StoreCompleter(), "stowage:get", "Demo/u"), "names are case-sensitive");
    }

    @Test
    void keysOfTheStoreNamedBeforeTheKeyPastItsOptions() {
        assertEquals(List.of("user:1 ", "user:2 "),
                complete(new KeyCompleter(), "stowage:put", "--ttl", "1h", "demo/users", "user"));
        assertEquals(List.of("config:a "), complete(new KeyCompleter(), "get", "demo/users", "c"), "unscoped");
        assertEquals(List.of(), complete(new KeyCompleter(), "stowage:get", "no/such", ""), "an unknown store");
    }

    @Test
    void aWordTypedBeforeTheCursorIsAcceptedIfItIsAKnownNameOrAnyKey() {
        assertEquals(List.of("demo/users "), verify(new StoreCompleter(), "demo/users"));
        assertEquals(List.of(), verify(new StoreCompleter(), "demo/nothing"));
        assertEquals(List.of("user:42 "), verify(new KeyCompleter(), "user:42"), "a key the store does not hold yet");
    }

    private List<String> complete(CandidatesCompleter completer, String... words) {
        completer.admin = admin;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new TypedLine(words), candidates);
        return candidates;
    }

    /** As Karaf's argument completer checks a word typed before the cursor: that word alone. */
    private List<String> verify(CandidatesCompleter completer, String word) {
        completer.admin = admin;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new ArgumentCommandLine(word, word.length()), candidates);
        return candidates;
    }

    /** A command line typed up to the cursor, which is at the end of its last word. */
    private record TypedLine(String... words) implements CommandLine {

        @Override
        public int getCursorArgumentIndex() {
            return words.length - 1;
        }

        @Override
        public String getCursorArgument() {
            return words[words.length - 1];
        }

        @Override
        public int getArgumentPosition() {
            return getCursorArgument().length();
        }

        @Override
        public String[] getArguments() {
            return words;
        }

        @Override
        public int getBufferPosition() {
            return getBuffer().length();
        }

        @Override
        public String getBuffer() {
            return String.join(" ", words);
        }
    }
}
