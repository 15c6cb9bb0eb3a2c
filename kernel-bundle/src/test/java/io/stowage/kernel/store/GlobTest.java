package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidPatternException;

class GlobTest {

    @Test
    void literalPrefixStopsAtTheFirstUnescapedMetacharacter() {
        assertEquals("user:", Glob.parse("user:*").literalPrefix());
        assertEquals("a*b", Glob.parse("a\\*b?c").literalPrefix());
        assertEquals("", Glob.parse("*x").literalPrefix());
        assertEquals("exact", Glob.parse("exact").literalPrefix());
    }

    @Test
    void regexMetacharactersInKeysAreLiteral() {
        Glob glob = Glob.parse("a.b(c)[d]+$^{e}|*");
        assertTrue(glob.matches("a.b(c)[d]+$^{e}|tail"));
        assertFalse(glob.matches("aXb(c)[d]+$^{e}|tail"));
    }

    @Test
    void starAndQuestionMarkCrossLineBreaksAndCountCodePoints() {
        assertTrue(Glob.parse("a*z").matches("a\nline\nz"));
        assertTrue(Glob.parse("?").matches("😀"));
        assertFalse(Glob.parse("??").matches("😀"));
    }

    @Test
    void malformedEscapesNameTheProblem() {
        assertTrue(assertThrows(InvalidPatternException.class, () -> Glob.parse("x\\")).getMessage()
                .contains("lone escape"));
        assertTrue(assertThrows(InvalidPatternException.class, () -> Glob.parse("x\\n")).getMessage()
                .contains("escapes nothing"));
    }
}
