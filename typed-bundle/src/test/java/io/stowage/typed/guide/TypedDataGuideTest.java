package io.stowage.typed.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.TestStores;

/**
 * docs/typed-data.md holds to its word: the example it prints is this package's {@link Library}, byte for byte; the
 * calls it shows return what its comments say, in that order; and the {@code stowage:gc} it shows after the book is
 * unshelved prints the counts of the collection it runs.
 */
class TypedDataGuideTest {

    private static final String GUIDE = "docs/typed-data.md";
    private static final Pattern FILE_BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\n```java\\n(.*?)\\n```\\n",
            Pattern.DOTALL);
    private static final Pattern USAGE_BLOCK = Pattern.compile("<!-- usage -->\\n```java\\n(.*?)\\n```\\n",
            Pattern.DOTALL);
    private static final Pattern GC_BLOCK = Pattern.compile("```gogo\\ng! stowage:gc (\\S+)\\n(.*?)\\n```\\n",
            Pattern.DOTALL);
    // The line's format is the shell's: shell-bundle's ObjectGarbageTest holds the command to it
    private static final Pattern GC_COUNTS = Pattern.compile(
            "collected (\\d+) object\\(s\\) of \\S+ in \\d+ ms; (\\d+) reachable from (\\d+) root\\(s\\)");

    private final Path root = Path.of(System.getProperty("stowage.root", ".."));

    @Test
    void theGuidesExampleIsTheLibraryClass() throws IOException {
        Matcher block = FILE_BLOCK.matcher(guide());
        assertTrue(block.find(), GUIDE + " has no <!-- file: ... --> block");
        assertEquals("typed-bundle/src/test/java/io/stowage/typed/guide/Library.java", block.group(1));
        assertEquals(Files.readString(root.resolve(block.group(1))).stripTrailing(), block.group(2),
                "the example in " + GUIDE + " differs from " + block.group(1));
        assertTrue(block.group(2).lines().count() < 80, "the example fits on a page");
    }

    @Test
    void theGuidesCallsReturnWhatItsCommentsSayAndItsCollectionPrintsItsCounts() throws IOException {
        try (TestStores stores = TestStores.memory()) {
            Store shelfStore = stores.fresh();
            Library library = new Library(stores.fresh(), shelfStore);
            Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
            calls.put("Library library = new Library(storage.store(\"loans\"), storage.store(\"shelf\"));", () -> null);
            calls.put("library.shelve(\"The Dispossessed\", \"Ursula K. Le Guin\");",
                    run(() -> library.shelve("The Dispossessed", "Ursula K. Le Guin")));
            calls.put("library.shelve(\"Kindred\", \"Octavia E. Butler\");",
                    run(() -> library.shelve("Kindred", "Octavia E. Butler")));
            calls.put("library.lend(\"Kindred\");", run(() -> library.lend("Kindred")));
            calls.put("library.loans(\"Kindred\");", () -> library.loans("Kindred"));
            calls.put("library.titles();", library::titles);

            Matcher usage = USAGE_BLOCK.matcher(guide());
            assertTrue(usage.find(), GUIDE + " has no <!-- usage --> block");
            List<String> statements = new ArrayList<>();
            for (String line : usage.group(1).lines().toList()) {
                int comment = line.indexOf("//");
                String statement = (comment < 0 ? line : line.substring(0, comment)).strip();
                statements.add(statement);
                Supplier<Object> call = calls.get(statement);
                assertTrue(call != null, GUIDE + " shows a call this test does not make: " + statement);
                Object result = call.get();
                if (comment >= 0) {
                    assertEquals(line.substring(comment + 2).strip(), String.valueOf(result), statement);
                }
            }
            assertEquals(List.copyOf(calls.keySet()), statements, "the calls, in the guide's order");

            library.unshelve("The Dispossessed");
            Matcher gc = GC_BLOCK.matcher(guide());
            assertTrue(gc.find(), GUIDE + " shows no stowage:gc");
            Matcher counts = GC_COUNTS.matcher(gc.group(2));
            assertTrue(counts.matches(), GUIDE + "'s stowage:gc prints no counts: " + gc.group(2));
            GarbageCollection run = ObjectStores.collectGarbage(shelfStore);
            assertEquals(List.of(counts.group(1), counts.group(2), counts.group(3)),
                    List.of(run.collected(), run.reachable(), run.roots()).stream().map(String::valueOf).toList(),
                    "collected, reachable, roots");
        }
    }

    private static Supplier<Object> run(Runnable call) {
        return () -> {
            call.run();
            return null;
        };
    }

    private String guide() throws IOException {
        return Files.readString(root.resolve(GUIDE));
    }
}
