package io.stowage.kernel.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of one store, immutable and replaced whole when one is created, redefined or dropped: those that serve
 * lookups by their names, and the replacements being built beside some of them for a changed definition. Writes keep
 * both ({@link #written()}); lookups see only those that serve, so a replacement takes its index's place in one step.
 */
public final class StoreIndexes {

    public static final StoreIndexes NONE = new StoreIndexes(List.of(), List.of());

    private final List<LiveIndex> serving;
    private final List<LiveIndex> replacements;
    /** Serving ones, then replacements: computed once, as every write of the store goes through them. */
    private final List<LiveIndex> written;

    private StoreIndexes(List<LiveIndex> serving, List<LiveIndex> replacements) {
        this.serving = List.copyOf(serving);
        this.replacements = List.copyOf(replacements);
        List<LiveIndex> both = new ArrayList<>(serving);
        both.addAll(replacements);
        this.written = List.copyOf(both);
    }

    /** The indexes lookups use, by name (one each). */
    public List<LiveIndex> all() {
        return serving;
    }

    /** The indexes every write keeps: those that serve and the replacements being built. */
    public List<LiveIndex> written() {
        return written;
    }

    public boolean isEmpty() {
        return serving.isEmpty();
    }

    /** The index of this name that lookups use, or null. */
    public LiveIndex named(String name) {
        return find(serving, name);
    }

    /** The replacement being built for the index of this name, or null. */
    public LiveIndex replacementOf(String name) {
        return find(replacements, name);
    }

    /** Whether writes keep this very index, serving or replacement: a build stops once they do not. */
    public boolean contains(LiveIndex index) {
        return written.stream().anyMatch(kept -> kept == index);
    }

    /** Whether an index is being rebuilt beside itself for a changed definition. */
    public boolean replacing() {
        return !replacements.isEmpty();
    }

    public boolean isReplacement(LiveIndex index) {
        return replacements.stream().anyMatch(kept -> kept == index);
    }

    public StoreIndexes with(LiveIndex added) {
        return new StoreIndexes(plus(serving, added), replacements);
    }

    public StoreIndexes without(LiveIndex dropped) {
        return new StoreIndexes(minus(serving, dropped), minus(replacements, dropped));
    }

    public StoreIndexes withReplacement(LiveIndex replacement) {
        return new StoreIndexes(serving, plus(replacements, replacement));
    }

    /** The replacement serves in place of the index of its name, which writes no longer keep. */
    public StoreIndexes swapped(LiveIndex replacement) {
        List<LiveIndex> next = serving.stream()
                .map(index -> index.name().equals(replacement.name()) ? replacement : index).toList();
        return new StoreIndexes(next, minus(replacements, replacement));
    }

    private static LiveIndex find(List<LiveIndex> indexes, String name) {
        for (LiveIndex index : indexes) {
            if (index.name().equals(name)) {
                return index;
            }
        }
        return null;
    }

    private static List<LiveIndex> plus(List<LiveIndex> indexes, LiveIndex added) {
        List<LiveIndex> next = new ArrayList<>(indexes);
        next.add(added);
        return next;
    }

    private static List<LiveIndex> minus(List<LiveIndex> indexes, LiveIndex removed) {
        return indexes.stream().filter(index -> index != removed).toList();
    }
}
