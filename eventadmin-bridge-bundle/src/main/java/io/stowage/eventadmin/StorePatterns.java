package io.stowage.eventadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.stowage.admin.StoreId;

/**
 * Which stores the bridge follows: patterns of {@code namespace/store}, each part a name or a glob of {@code *} (any
 * characters) and {@code ?} (one character), for example {@code com.example.app/orders} or {@code com.example.*}/*.
 */
final class StorePatterns {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._*?-]+");

    private final List<Pattern> patterns;

    private StorePatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** @throws IllegalArgumentException naming the first pattern that is not {@code namespace/store} of globs */
    static StorePatterns parse(String[] configured) {
        List<Pattern> patterns = new ArrayList<>();
        for (String text : configured) {
            String pattern = text.trim();
            int slash = pattern.indexOf('/');
            if (slash < 0 || slash != pattern.lastIndexOf('/') || !PART.matcher(pattern.substring(0, slash)).matches()
                    || !PART.matcher(pattern.substring(slash + 1)).matches()) {
                throw new IllegalArgumentException("stores pattern '" + text + "' is not namespace/store, each a name "
                        + "or a glob of * and ? (letters, digits, '.', '_' and '-'), e.g. com.example.app/orders-*");
            }
            patterns.add(Pattern.compile(regex(pattern)));
        }
        return new StorePatterns(patterns);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(StoreId store) {
        String label = store.namespace() + "/" + store.store();
        for (Pattern pattern : patterns) {
            if (pattern.matcher(label).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A glob's characters other than * and ? match themselves; neither matches the '/' between the parts. */
    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
