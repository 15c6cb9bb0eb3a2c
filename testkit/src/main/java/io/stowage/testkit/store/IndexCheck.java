package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.stowage.api.Entry;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.spi.IndexKeys;

/**
 * Compares an index with what it must hold: every live entry's index keys, recomputed from the store's data, in
 * index order (index key, then store key, each in unsigned UTF-8 byte order).
 */
public final class IndexCheck {

    private static final Comparator<IndexHit> INDEX_ORDER = Comparator
            .comparing((IndexHit hit) -> hit.indexKey().getBytes(UTF_8), Arrays::compareUnsigned)
            .thenComparing(hit -> hit.key().getBytes(UTF_8), Arrays::compareUnsigned);

    private IndexCheck() {
    }

    /** Every hit of the index, read a page of {@code pageSize} at a time. */
    public static List<IndexHit> hits(Store store, String index, IndexQuery query, int pageSize) {
        List<IndexHit> hits = new ArrayList<>();
        String after = null;
        do {
            Page<IndexHit> page = store.index(index).find(query, pageSize, after);
            hits.addAll(page.items());
            after = page.continuation();
        } while (after != null);
        return hits;
    }

    /** What the index must hold, recomputed from every entry of the store with the function it indexes by. */
    public static List<IndexHit> recomputed(Store store, IndexKeys function) {
        TreeSet<IndexHit> expected = new TreeSet<>(INDEX_ORDER);
        String after = null;
        do {
            Page<Entry> page = store.scan(null, null, 1000, after);
            for (Entry entry : page.items()) {
                function.keys(entry.key(), entry.value()).forEach(key -> expected.add(new IndexHit(key, entry.key())));
            }
            after = page.continuation();
        } while (after != null);
        return List.copyOf(expected);
    }

    /**
     * The difference between the index and its recomputation: empty when they agree, else the hits only one of them
     * has, for a failure message that shows what went wrong without listing thousands of hits.
     */
    public static String disagreement(Store store, String index, IndexKeys function) {
        List<IndexHit> actual = hits(store, index, IndexQuery.all(), 500);
        List<IndexHit> expected = recomputed(store, function);
        if (actual.equals(expected)) {
            return "";
        }
        TreeSet<IndexHit> missing = new TreeSet<>(INDEX_ORDER);
        missing.addAll(expected);
        actual.forEach(missing::remove);
        TreeSet<IndexHit> extra = new TreeSet<>(INDEX_ORDER);
        extra.addAll(actual);
        expected.forEach(extra::remove);
        return "index " + index + " of " + store.namespace() + "/" + store.name() + " disagrees with its data: "
                + actual.size() + " hits, " + expected.size() + " expected; missing " + first(missing) + ", extra "
                + first(extra) + (extra.isEmpty() && missing.isEmpty() ? ", in another order" : "");
    }

    /** The function a {@link WordsIndexFunction} index of these parameters computes with. */
    public static IndexKeys words(boolean firstOnly) {
        return new WordsIndexFunction().bind(firstOnly ? Map.of("first", "true") : Map.of());
    }

    private static String first(TreeSet<IndexHit> hits) {
        return hits.stream().limit(10).toList() + (hits.size() > 10 ? " and " + (hits.size() - 10) + " more" : "");
    }
}
