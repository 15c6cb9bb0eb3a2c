package io.stowage.kernel.store;

import java.util.regex.Pattern;

import io.stowage.api.InvalidStoreNameException;
import io.stowage.api.Limits;

/** The shape of namespaces and store names: characters that can never hold the key separator 0x00. */
public final class Names {

    private static final Pattern STORE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private Names() {
    }

    public static String requireStoreName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidStoreNameException("store name must not be " + (name == null ? "null" : "empty"));
        }
        if (name.length() > Limits.MAX_STORE_NAME_LENGTH) {
            throw new InvalidStoreNameException("store name '" + name + "' is " + name.length()
                    + " characters long, over the limit of " + Limits.MAX_STORE_NAME_LENGTH);
        }
        if (!STORE.matcher(name).matches()) {
            throw new InvalidStoreNameException("store name '" + name + "' is malformed: use letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit");
        }
        return name;
    }

    /** Namespaces are bundle symbolic names; admin commands name them too. */
    public static String requireNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > Limits.MAX_NAMESPACE_LENGTH
                || !NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidStoreNameException("namespace '" + namespace + "' is not a bundle symbolic name of at most "
                    + Limits.MAX_NAMESPACE_LENGTH + " characters");
        }
        return namespace;
    }
}
