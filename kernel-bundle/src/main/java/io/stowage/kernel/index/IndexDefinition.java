package io.stowage.kernel.index;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.stowage.api.InvalidInputException;
import io.stowage.kernel.transform.TransformChain;

/**
 * One secondary index of a store: its name, the index function's type and the parameters it is bound to, and whether
 * an index key may belong to one store key only.
 */
public record IndexDefinition(String name, String type, Map<String, String> parameters, boolean unique) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9-]{1,32}");

    public IndexDefinition {
        requireName(name);
        requireType(type);
        parameters = Map.copyOf(parameters);
    }

    /**
     * The definition an operator writes: the function as {@code type} or {@code type(name=value, ...)}, as a store
     * route's transforms are written.
     *
     * @throws InvalidInputException naming the store and what is wrong
     */
    public static IndexDefinition parse(String storeLabel, String name, String function, boolean unique) {
        List<TransformChain.StepSpec> steps;
        try {
            steps = TransformChain.steps("index " + name + " of store " + storeLabel + ": function", function);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (steps.size() != 1) {
            throw new InvalidInputException("index " + name + " of store " + storeLabel + ": function '" + function
                    + "' names " + steps.size() + " functions; an index has one");
        }
        return new IndexDefinition(name, steps.get(0).type(), steps.get(0).parameters(), unique);
    }

    /** The name, if it is one: 1 to 64 lower-case letters, digits, '-', '_' or '.', starting with a letter or digit. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("index name '" + name + "' is not valid: 1 to 64 lower-case letters,"
                    + " digits, '-', '_' or '.', starting with a letter or a digit");
        }
        return name;
    }

    /** The type, if it is one (as {@link io.stowage.spi.IndexFunction#type()} says). */
    public static String requireType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidInputException("index function type '" + type + "' is not valid: 1 to 32 lower-case"
                    + " ASCII letters, digits and dashes");
        }
        return type;
    }

    /** The function as an operator writes it: {@code json(pointer=/email)}, parameters sorted by name. */
    public String function() {
        return new TransformChain.StepSpec(type, parameters).toString();
    }

    @Override
    public String toString() {
        return name + " = " + function() + (unique ? " unique" : "");
    }
}
