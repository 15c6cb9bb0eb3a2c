package io.stowage.typed.object;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keys of an object store (the layout {@link io.stowage.typed.ObjectStores} documents). Every key is glob-safe:
 * ids are UUIDs and run ids hex, and root names may not hold {@code * ? \}.
 */
public final class ObjectKeys {

    static final String MARKER = "meta:objects";
    static final String OBJECT = "obj:";
    static final String ROOT = "root:";
    static final String GC_STATE = "gc:state";
    static final String GC = "gc:";
    private static final int MAX_ROOT_NAME = 200;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ObjectKeys() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String object(String id) {
        return OBJECT + id;
    }

    /** The id an {@code obj:} key names. */
    static String idOf(String objectKey) {
        return objectKey.substring(OBJECT.length());
    }

    /**
     * The id, checked: ids come from stored JSON, and one that is not a UUID would make a key outside the layout.
     *
     * @throws IllegalArgumentException naming the text
     */
    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not an object id (a lowercase UUID)");
        }
        return id;
    }

    /**
     * The key of a root.
     *
     * @throws IllegalArgumentException naming what is wrong with the name
     */
    static String root(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_ROOT_NAME) {
            throw new IllegalArgumentException("root name '" + name + "' must be 1 to " + MAX_ROOT_NAME
                    + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '?' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("root name '" + name + "' holds " + describe(c)
                        + " at index " + i + ": root keys must stay glob-safe, without * ? \\ or control characters");
            }
        }
        return ROOT + name;
    }

    static String rootName(String rootKey) {
        return rootKey.substring(ROOT.length());
    }

    static String runPrefix(String run) {
        return GC + run + ":";
    }

    static String grey(String run, String id) {
        return runPrefix(run) + "grey:" + id;
    }

    static String mark(String run, String id) {
        return runPrefix(run) + "mark:" + id;
    }

    /** The first key past every key that starts with {@code prefix}: the exclusive end of its scan. */
    static String end(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
    }
}
