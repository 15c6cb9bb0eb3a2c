package io.stowage.bench;

import java.io.IOException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * Key listing through the kernel on LMDB, one operation being a whole listing, paged {@value Limits#MAX_PAGE_SIZE}
 * keys at a time: the glob {@code p:*}, whose prefix holds 1% of the keys, against {@code *}, all keys. Listing reads
 * only the keys that share the glob's literal prefix, so the first should take about 1% of the second's time.
 */
@Fork(2)
@State(Scope.Benchmark)
public class ListingBenchmark {

    @Param("1000000")
    public int entries;

    private KernelOnLmdb lmdb;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Dataset data = Dataset.withListedFamily(entries, 42);
        lmdb = new KernelOnLmdb().load(data);
        int listed = list(lmdb.store, "p:*");
        int all = list(lmdb.store, "*");
        if (listed != (entries + 99) / 100 || all != entries) {
            throw new IllegalStateException("listed " + listed + " of " + all + " keys; expected "
                    + (entries + 99) / 100 + " of " + entries + " (a key repeated?)");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        lmdb.close();
    }

    @Benchmark
    public int listOnePercent() {
        return list(lmdb.store, "p:*");
    }

    @Benchmark
    public int listAll() {
        return list(lmdb.store, "*");
    }

    private static int list(Store store, String glob) {
        int count = 0;
        String after = null;
        do {
            Page<String> page = store.keys(glob, Limits.MAX_PAGE_SIZE, after);
            count += page.items().size();
            after = page.continuation();
        } while (after != null);
        return count;
    }
}
