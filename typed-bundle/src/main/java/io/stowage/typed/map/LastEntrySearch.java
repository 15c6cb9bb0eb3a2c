package io.stowage.typed.map;

import io.stowage.api.Entry;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The last entry of a key range, without a backward scan and without reading the range: after one forward page (a
 * small range ends within it), it finds the greatest key a character at a time, asking the store for the first key
 * at or after a probe ({@code scan} with limit 1). For a character it gallops up from the one a known key has, then
 * bisects, and every answer is a real key that moves the lower end up. Cost: a few probes per character of the last
 * key, whatever the range holds.
 *
 * <p>Why it is right: the greatest key k starts with the prefix found so far; a key at or after {@code prefix + c}
 * exists exactly when {@code c <= } k's next character, so the greatest such c is that character. Probes are valid
 * keys (a prefix of a real key plus one code point, never a surrogate) and never longer than the key they lead to.
 */
final class LastEntrySearch {

    /** Code points as dense indexes, leaving out the surrogates, which no key holds alone. */
    private static final int SURROGATES = Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1;
    private static final int INDEXES = Character.MAX_CODE_POINT + 1 - SURROGATES;

    private final Store store;
    private final KeyRange range;

    LastEntrySearch(Store store, KeyRange range) {
        this.store = store;
        this.range = range;
    }

    /** The range's last entry, or {@code null} when it is empty. */
    Entry last() {
        Page<Entry> page = store.scan(range.scanFrom(), range.scanTo(), StorePages.PAGE, null);
        Entry last = null;
        for (Entry entry : page.items()) {
            if (range.tooHigh(entry.key())) {
                return last;
            }
            if (!range.tooLow(entry.key())) {
                last = entry;
            }
        }
        if (!page.hasMore()) {
            return last;
        }
        if (last == null) {
            StorePages rest = new StorePages(store, range);
            last = rest.hasNext() ? rest.next() : null;
        }
        return last == null ? null : greatestFrom(last);
    }

    private Entry greatestFrom(Entry known) {
        Entry best = known;
        StringBuilder prefix = new StringBuilder();
        while (true) {
            if (best.key().length() == prefix.length()) {
                Entry after = firstAfter(best.key());
                if (after == null) {
                    return best;
                }
                if (!goesOn(after, prefix)) {
                    return readToEnd();
                }
                best = after;
            }
            int at = prefix.length();
            int low = index(best.key().codePointAt(at));
            int high = INDEXES;
            // Gallop: each probe that finds a key moves low to that key's character
            for (int step = 1; low + step < high; step *= 2) {
                Entry found = firstFrom(prefix, low + step);
                if (found == null) {
                    high = low + step;
                    break;
                }
                if (!goesOn(found, prefix)) {
                    return readToEnd();
                }
                best = found;
                low = index(found.key().codePointAt(at));
            }
            // Bisect: a key at or after prefix + low exists, none at or after prefix + high
            while (high - low > 1) {
                int middle = low + (high - low) / 2;
                Entry found = firstFrom(prefix, middle);
                if (found == null) {
                    high = middle;
                } else if (!goesOn(found, prefix)) {
                    return readToEnd();
                } else {
                    best = found;
                    low = index(found.key().codePointAt(at));
                }
            }
            prefix.appendCodePoint(codePoint(low));
        }
    }

    /**
     * Whether a key a probe found goes on from the prefix, as it must unless the range changed meanwhile (a greater
     * key came, the greatest went): then the search's footing is gone.
     */
    private static boolean goesOn(Entry found, CharSequence prefix) {
        String key = found.key();
        return key.length() > prefix.length() && key.startsWith(prefix.toString());
    }

    /** The last entry by reading the range forward, when a concurrent change spoiled the search. */
    private Entry readToEnd() {
        Entry last = null;
        for (StorePages pages = new StorePages(store, range); pages.hasNext();) {
            last = pages.next();
        }
        return last;
    }

    /** The first key of the range at or after {@code prefix} followed by the code point of {@code index}. */
    private Entry firstFrom(CharSequence prefix, int index) {
        String probe = new StringBuilder(prefix).appendCodePoint(codePoint(index)).toString();
        return inRange(store.scan(probe, range.scanTo(), 1, null));
    }

    /** The first key of the range after {@code key}. */
    private Entry firstAfter(String key) {
        return inRange(store.scan(range.scanFrom(), range.scanTo(), 1, key));
    }

    private Entry inRange(Page<Entry> page) {
        if (page.items().isEmpty()) {
            return null;
        }
        Entry entry = page.items().get(0);
        return range.tooHigh(entry.key()) ? null : entry;
    }

    private static int index(int codePoint) {
        return codePoint < Character.MIN_SURROGATE ? codePoint : codePoint - SURROGATES;
    }

    private static int codePoint(int index) {
        return index < Character.MIN_SURROGATE ? index : index + SURROGATES;
    }
}
