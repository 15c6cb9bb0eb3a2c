package io.stowage.kernel.transform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The transforms a store route names, in the order they apply to a written value, and the size under which values
 * are stored as they are. A route whose {@code transforms} do not parse holds a refused chain: its stores refuse
 * writes (with the parse error) rather than write values untransformed that the operator meant to compress or
 * encrypt; reads go on, since a value's own header says how to read it.
 */
public record TransformChain(List<StepSpec> steps, int minSize, String refusal) {

    /** Values shorter than this are stored as they are unless the route says otherwise: see the Metatype. */
    public static final int DEFAULT_MIN_SIZE = 64;

    /**
     * One transform of the chain with the parameters it is bound to. Bound steps are cached by spec on every write,
     * so its hash is cheap (not the parameter map's) and equality checks identity first: a route's chain asks with
     * the very spec it was cached under.
     */
    public record StepSpec(String type, Map<String, String> parameters) {
        public StepSpec {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof StepSpec spec && type.equals(spec.type)
                    && parameters.equals(spec.parameters);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + parameters.size();
        }

        @Override
        public String toString() {
            return parameters.isEmpty() ? type : type + parameters.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",", "(", ")"));
        }
    }

    public TransformChain {
        steps = List.copyOf(steps);
        if (minSize < 0) {
            throw new IllegalArgumentException("transformMinSize must not be negative, not " + minSize);
        }
    }

    /** The chain a route's {@code transforms} text names; a parse error names the route and the position. */
    public static TransformChain parse(String route, String text, int minSize) {
        return new TransformChain(ChainSyntax.parse(route, text), minSize, null);
    }

    /**
     * The steps of a text written as a chain is, for another setting than a route's transforms (an index's function):
     * errors name {@code source}, such as {@code "index by-email of store app/users: function"}.
     */
    public static List<StepSpec> steps(String source, String text) {
        return ChainSyntax.steps(source, text);
    }

    /** A chain whose route's configuration was refused for the reason given: its stores refuse writes. */
    public static TransformChain refused(String reason) {
        return new TransformChain(List.of(), 0, reason);
    }

    public boolean isRefused() {
        return refusal != null;
    }

    @Override
    public String toString() {
        return isRefused() ? "refused: " + refusal
                : steps.stream().map(StepSpec::toString).collect(Collectors.joining(", ")) + " (from " + minSize
                        + " bytes)";
    }
}
