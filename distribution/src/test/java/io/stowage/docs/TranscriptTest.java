package io.stowage.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a document's transcript promises: every line as printed, but for blanks and the parts it elides. */
class TranscriptTest {

    @Test
    void blanksAreAlignmentOnly() {
        assertTrue(Transcript.lineMatches("default   lmdb  0.0.0", "default lmdb     0.0.0  "));
        assertFalse(Transcript.lineMatches("default lmdb", "defaultlmdb"));
    }

    @Test
    void anElisionWithinALineStandsForAnyText() {
        assertTrue(Transcript.lineMatches("expires in PT...S", "expires in PT29.981S"));
        assertTrue(Transcript.lineMatches("memory 1.1.0 ... io.stowage.storage.memory cache",
                "memory     1.1.0                  35 io.stowage.storage.memory             cache"));
        assertFalse(Transcript.lineMatches("expires in PT...S", "expired"));
        assertFalse(Transcript.lineMatches("a.c", "abc"), "the rest of the line is literal");
    }

    @Test
    void anElisionOnALineOfItsOwnStandsForAnyNumberOfLines() {
        DocBlock block = block("g! stowage:stats", "store demo.app/users", "...", "g! echo done", "done");

        assertEquals(Optional.empty(), Transcript.compare(block,
                List.of("g! stowage:stats", "store demo.app/users", "g! echo done", "done")));
        assertEquals(Optional.empty(), Transcript.compare(block,
                List.of("g! stowage:stats", "store demo.app/users", "keys 2", "reads 0", "g! echo done", "done")));
    }

    @Test
    void aMismatchNamesTheDocumentsLineAndShowsWhatRan() {
        DocBlock block = block("g! stowage:get demo.app/users user:1", "alice");

        String report = Transcript.compare(block, List.of("g! stowage:get demo.app/users user:1", "bob"))
                .orElseThrow();

        assertTrue(report.startsWith("README.md:10: the gogo block does not match what ran; the first line that"
                + " differs is README.md:12\n"), report);
        assertTrue(report.contains(">> alice\n--- what ran\n"), report);
        assertTrue(report.endsWith(">> bob\n"), report);
    }

    @Test
    void outputTheDocumentDoesNotShowIsAMismatch() {
        DocBlock block = block("g! stowage:stores", "demo.app/users");

        String report = Transcript.compare(block, List.of("g! stowage:stores", "demo.app/users", "demo.app/x"))
                .orElseThrow();

        assertTrue(report.contains("after its last line"), report);
        assertTrue(report.endsWith(">> demo.app/x\n"), report);
    }

    private static DocBlock block(String... lines) {
        return new DocBlock("README.md", 10, "gogo", List.of(lines));
    }
}
