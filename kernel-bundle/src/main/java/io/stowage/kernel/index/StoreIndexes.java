package io.stowage.kernel.index;

import java.util.ArrayList;
import java.util.List;

/** The indexes of one store, an immutable list replaced whole when one is created or dropped. */
public record StoreIndexes(List<LiveIndex> all) {

    public static final StoreIndexes NONE = new StoreIndexes(List.of());

    public StoreIndexes {
        all = List.copyOf(all);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** The index of this name, or null. */
    public LiveIndex named(String name) {
        for (LiveIndex index : all) {
            if (index.name().equals(name)) {
                return index;
            }
        }
        return null;
    }

    public StoreIndexes with(LiveIndex added) {
        List<LiveIndex> next = new ArrayList<>(all);
        next.add(added);
        return new StoreIndexes(next);
    }

    public StoreIndexes without(LiveIndex dropped) {
        return new StoreIndexes(all.stream().filter(index -> index != dropped).toList());
    }
}
