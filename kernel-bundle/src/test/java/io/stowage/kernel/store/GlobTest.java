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

    /**
     * A prefix and one trailing star (matched by the prefix alone, without a regex) match exactly the keys that the
     * prefix and any run of characters match; a star that is not the last character still goes through the pattern.
     */
    @Test
    void aPrefixWithOneTrailingStarMatchesExactlyTheKeysStartingWithIt() {
        String[] keys = {"", "p", "p:", "p:x", "p:\nline", "p:😀", "q:x", "P:x", "xp:", "p;", "a*b", "a*bc", "ab"};
        for (String glob : new String[] {"p:*", "*", "a\\*b*", "p:😀*"}) {
            Glob parsed = Glob.parse(glob);
            for (String key : keys) {
                assertEquals(key.startsWith(parsed.literalPrefix()), parsed.matches(key), glob + " on " + key);
            }
        }
        assertTrue(Glob.parse("p:*x").matches("p:yx"));
        assertFalse(Glob.parse("p:*x").matches("p:y"));
        assertFalse(Glob.parse("p:?*").matches("p:"));
        assertTrue(Glob.parse("p:?*").matches("p:😀"));
        assertFalse(Glob.parse("p:\\*").matches("p:x"));
        assertTrue(Glob.parse("p:\\*").matches("p:*"));
    }

    @Test
    void malformedEscapesNameTheProblem() {
        assertTrue(assertThrows(InvalidPatternException.class, () -> Glob.parse("x\\")).getMessage()
                .contains("lone escape"));
        assertTrue(assertThrows(InvalidPatternException.class, () -> Glob.parse("x\\n")).getMessage()
                .contains("escapes nothing"));
    }
}
