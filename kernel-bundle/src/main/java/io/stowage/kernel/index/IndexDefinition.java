package io.stowage.kernel.index;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.stowage.api.InvalidInputException;

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
        if (parameters.isEmpty()) {
            return type;
        }
        return type + new TreeMap<>(parameters).entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString() {
        return name + " = " + function() + (unique ? " unique" : "");
    }
}
