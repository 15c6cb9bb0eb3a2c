package io.stowage.shell.gogo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The hint follows Gogo's failed glob expansion on a stowage command line, and nothing else. */
class GlobHintTest {

    @Test
    void onlyAnUnmatchedGlobOfAStowageCommand() {
        IOException unmatched = new IOException("no matches found: user:*");
        assertTrue(GlobHint.isUnmatchedGlob("stowage:keys app/users user:*", unmatched));
        assertFalse(GlobHint.isUnmatchedGlob("ls *.txt", unmatched), "another scope's glob is not ours to explain");
        assertFalse(GlobHint.isUnmatchedGlob("stowage:backup /no/such/file", new IOException("denied")));
        assertFalse(GlobHint.isUnmatchedGlob("stowage:keys app/users 'user:*'", new IllegalStateException("x")));
    }
}
