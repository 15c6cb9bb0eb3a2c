package io.stowage.kernel.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a route's {@code transforms}: {@code zstd(level=3), aes-gcm(key=main)}. Steps are separated by commas; a
 * step is a type, bare or followed by parameters {@code name=value} separated by commas inside parentheses. Names
 * and values are trimmed; a value holds no {@code , ( ) =}. Errors name the route and the 1-based position.
 */
final class ChainSyntax {

    /** What the text belongs to and which of its settings it is, for errors: "store route x: transforms". */
    private final String source;
    private final String text;
    private int at;

    private ChainSyntax(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The steps, in order; at least one. */
    static List<TransformChain.StepSpec> parse(String route, String text) {
        return steps("store route " + route + ": transforms", text);
    }

    /** As {@link #parse(String, String)}, with errors naming {@code source} ("index x of store y: function"). */
    static List<TransformChain.StepSpec> steps(String source, String text) {
        return new ChainSyntax(source, text == null ? "" : text).steps();
    }

    private List<TransformChain.StepSpec> steps() {
        List<TransformChain.StepSpec> steps = new ArrayList<>();
        do {
            steps.add(step());
        } while (take(','));
        skipSpaces();
        if (at < text.length()) {
            throw error("expected ',' or the end, found '" + text.charAt(at) + "'");
        }
        return steps;
    }

    private TransformChain.StepSpec step() {
        skipSpaces();
        int start = at;
        String type = word();
        if (!TransformHeader.isType(type)) {
            at = start;
            throw error(type.isEmpty() ? "expected a transform type" : "transform type '" + type
                    + "' is not 1 to 32 lower-case ASCII letters, digits and dashes");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (take('(')) {
            do {
                skipSpaces();
                int nameAt = at;
                String name = word();
                if (name.isEmpty()) {
                    throw error("expected a parameter name in " + type + "(...)");
                }
                if (!take('=')) {
                    throw error("expected '=' after parameter '" + name + "' of " + type);
                }
                skipSpaces();
                String value = word();
                if (value.isEmpty()) {
                    throw error("parameter '" + name + "' of " + type + " has no value");
                }
                if (parameters.put(name, value) != null) {
                    at = nameAt;
                    throw error("parameter '" + name + "' of " + type + " is given twice");
                }
            } while (take(','));
            if (!take(')')) {
                throw error("expected ',' or ')' in the parameters of " + type);
            }
        }
        return new TransformChain.StepSpec(type, parameters);
    }

    /** Characters up to a delimiter or space, or the end. */
    private String word() {
        int start = at;
        while (at < text.length() && ",()= \t".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String word = text.substring(start, at);
        skipSpaces();
        return word;
    }

    private boolean take(char expected) {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(source + " '" + text + "' at position "
                + (at + 1) + ": " + problem);
    }
}
