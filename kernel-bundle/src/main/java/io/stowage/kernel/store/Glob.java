package io.stowage.kernel.store;

import java.util.regex.Pattern;

import io.stowage.api.InvalidPatternException;

/**
 * A parsed glob: {@code *} any run of characters, {@code ?} one character, {@code \} escapes {@code * ? \}.
 * Its literal prefix bounds the key range to read; the matcher checks the keys in that range.
 */
public final class Glob {

    private final String literalPrefix;
    /** Null when {@link #prefixOnly}. */
    private final Pattern pattern;
    /**
     * Whether the glob is its literal prefix and one trailing {@code *}, the commonest glob ({@code user:*}): every
     * key starting with the prefix matches, and a listing checks each key of its range, so no regex runs per key.
     */
    private final boolean prefixOnly;

    private Glob(String literalPrefix, Pattern pattern, boolean prefixOnly) {
        this.literalPrefix = literalPrefix;
        this.pattern = pattern;
        this.prefixOnly = prefixOnly;
    }

    public static Glob parse(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new InvalidPatternException("glob must not be " + (glob == null ? "null" : "empty")
                    + "; use * to list every key");
        }
        StringBuilder literalPrefix = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        StringBuilder literalRun = new StringBuilder();
        boolean inPrefix = true;
        boolean prefixOnly = false;
        // Code points, not chars: '?' is one character even outside the Basic Multilingual Plane
        for (int i = 0; i < glob.length(); ) {
            int c = glob.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == '\\') {
                if (next == glob.length()) {
                    throw new InvalidPatternException("glob '" + glob + "' ends in a lone escape character '\\'");
                }
                int escaped = glob.codePointAt(next);
                if (escaped != '*' && escaped != '?' && escaped != '\\') {
                    throw new InvalidPatternException("glob '" + glob + "': '\\" + Character.toString(escaped)
                            + "' at index " + i + " escapes nothing; only \\*, \\? and \\\\ are escapes");
                }
                c = escaped;
                next += 1;
            } else if (c == '*' || c == '?') {
                prefixOnly = inPrefix && c == '*' && next == glob.length();
                inPrefix = false;
                flush(literalRun, regex);
                regex.append(c == '*' ? ".*" : ".");
                i = next;
                continue;
            }
            literalRun.appendCodePoint(c);
            if (inPrefix) {
                literalPrefix.appendCodePoint(c);
            }
            i = next;
        }
        flush(literalRun, regex);
        // A listing parses its glob on every call: a prefix glob compiles no pattern it would never run
        return new Glob(literalPrefix.toString(), prefixOnly ? null : Pattern.compile(regex.toString(),
                Pattern.DOTALL), prefixOnly);
    }

    private static void flush(StringBuilder literalRun, StringBuilder regex) {
        if (literalRun.length() > 0) {
            regex.append(Pattern.quote(literalRun.toString()));
            literalRun.setLength(0);
        }
    }

    /** The characters every matching key starts with. */
    String literalPrefix() {
        return literalPrefix;
    }

    public boolean matches(String key) {
        return prefixOnly ? key.startsWith(literalPrefix) : pattern.matcher(key).matches();
    }
}
