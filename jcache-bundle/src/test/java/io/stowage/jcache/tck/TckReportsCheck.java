package io.stowage.jcache.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the Surefire reports of the TCK's runs (one a backend) after they ran: every run holds all of the TCK's
 * test runs, none failed, and the TCK's own exclusion log names exactly the tests expected and nothing else. A test
 * the TCK excludes counts as a pass in the reports, so its log line is the only trace of it.
 *
 * <p>Two kinds of exclusion are expected: {@code CachingTest#dummyTest}, the one entry of our {@code ExcludeList}
 * (it fails on purpose), and the store-by-reference tests, which the TCK itself excludes when the provider does not
 * support {@code OptionalFeature.STORE_BY_REFERENCE}: a Stowage cache holds bytes in a store, never references.
 */
class TckReportsCheck {

    /** What the TCK 1.1.1 runs: its test classes, inherited tests and one parameterized class included. */
    private static final int TCK_RUNS = 481;

    private static final List<String> EXCLUDED = Stream.concat(
            Stream.of("CachingTest#dummyTest", "TypesTest#simpleAPINoGenericsAndNoTypeEnforcementStoreByReference"),
            Stream.of("getAndPut_Existing", "getAndPut_Existing_NotSameKey", "getAndPut_NotThere",
                    "getAndReplace", "get_Existing", "get_Existing_NotSameKey", "putAll", "putIfAbsent_Missing",
                    "putIfAbsent_There", "put_Existing_NotSameKey", "replace_3arg")
                    .map(method -> "StoreByReferenceTest#" + method))
            .sorted().toList();

    @Test
    void everyBackendRanTheWholeTckAndPassed() throws Exception {
        String[] folders = System.getProperty("tck.reports").split(",");
        assertTrue(folders.length >= 2, "expected a report folder per backend: " + String.join(",", folders));
        for (String folder : folders) {
            Path reports = Path.of(folder);
            TckCounts counts = counts(reports);
            System.out.println("TCK " + reports.getFileName() + ": " + counts);
            assertEquals(TCK_RUNS, counts.runs(), reports + ": TCK test runs");
            assertEquals(0, counts.failures(), reports + ": failures");
            assertEquals(0, counts.errors(), reports + ": errors");
            assertEquals(EXCLUDED, excluded(reports), reports + ": excluded tests");
        }
    }

    /** A run's totals over the TCK's test cases (our own checks in the same run are left out). */
    record TckCounts(int runs, int failures, int errors, int skipped) {
    }

    private static TckCounts counts(Path reports) throws Exception {
        int runs = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (Path report : files(reports, "TEST-", ".xml")) {
            NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                String className = testCase.getAttribute("classname");
                if (!className.startsWith("org.jsr107.") && !className.startsWith("javax.cache.")) {
                    continue;
                }
                runs++;
                failures += testCase.getElementsByTagName("failure").getLength();
                errors += testCase.getElementsByTagName("error").getLength();
                skipped += testCase.getElementsByTagName("skipped").getLength();
            }
        }
        return new TckCounts(runs, failures, errors, skipped);
    }

    /**
     * The tests the TCK logged as excluded, as "Class#method", sorted. Its lines read
     * {@code ===== EXCLUDING TEST 'org.jsr107.tck.CachingTest'<tab>'dummyTest'.}
     */
    private static List<String> excluded(Path reports) throws IOException {
        List<String> excluded = new ArrayList<>();
        for (Path output : files(reports, "", "-output.txt")) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                int at = line.indexOf("EXCLUDING TEST");
                if (at < 0) {
                    continue;
                }
                String[] parts = line.substring(at).split("'");
                assertTrue(parts.length >= 4, "an exclusion line of another form: " + line);
                excluded.add(parts[1].substring(parts[1].lastIndexOf('.') + 1) + "#" + parts[3]);
            }
        }
        return excluded.stream().sorted().toList();
    }

    private static List<Path> files(Path folder, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
