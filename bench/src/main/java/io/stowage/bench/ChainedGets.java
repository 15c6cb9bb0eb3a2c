package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import org.lmdbjava.Txn;

import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;

/**
 * The get lines again, each get {@linkplain Cursor#after chained} to the one before, reported without a goal. In the
 * goal's lines the gets are independent, and a raw get's short path lets the processor start the next get's cache
 * misses while the last one's are still out, which the kernel's longer path leaves it less room to do; an application
 * that uses what it read before it reads again gets no such overlap on either side, and neither side does here.
 *
 * <p>The sides are loops of their own rather than the goal lines' loops with a switch, so that the JIT compiles and
 * profiles the goal lines' loops as it did before these lines existed.
 */
final class ChainedGets {

    private final Paired paired;

    ChainedGets(Paired paired) {
        this.paired = paired;
    }

    void report(String name, Side kernel, Side raw) {
        SlicedRounds.Samples samples = paired.measure(List.of(Contender.of("kernel", kernel),
                Contender.of("raw", raw)));
        double[] ratios = samples.ratios(0, 1);
        MedianInterval ratio = Paired.interval(ratios);
        paired.add(PairedLine.report(name, ratio, String.format(Locale.ROOT,
                "%s: ratio=%.3f ci=[%.3f,%.3f] pairs=%d kernel=%.0f raw=%.0f ops/s (report: each get's key waits "
                        + "for the previous get's value)",
                name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(), samples.rate(0),
                samples.rate(1))), "ratio", "pairs", ratios);
    }

    Side kernelLmdb(KernelOnLmdb kernel, Dataset data) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < Paired.GETS_PER_CALL; n++) {
                byte[] value = kernel.store.get(data.keys[cursor.next(data.order)]);
                cursor.after(value);
                paired.sink += value[0];
            }
            return Paired.GETS_PER_CALL;
        };
    }

    /** As the raw side of {@code lmdb.get}: one reused read transaction, the value copied out to a fresh array. */
    Side rawLmdb(LmdbBenchmark.RawEnvironment raw) {
        Cursor cursor = new Cursor();
        Txn<ByteBuffer> txn = raw.openReader();
        ByteBuffer key = ByteBuffer.allocateDirect(511);
        return () -> {
            for (int n = 0; n < Paired.GETS_PER_CALL; n++) {
                key.clear();
                key.put(raw.data.keys[cursor.next(raw.data.order)].getBytes(UTF_8)).flip();
                ByteBuffer found = raw.dbi.get(txn, key);
                byte[] value = new byte[found.remaining()];
                found.get(value);
                cursor.after(value);
                paired.sink += value[0];
            }
            return Paired.GETS_PER_CALL;
        };
    }

    Side kernelMemory(MemoryBenchmark memory) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < Paired.GETS_PER_CALL; n++) {
                byte[] value = memory.kernelGet(cursor);
                cursor.after(value);
                paired.sink += value[0];
            }
            return Paired.GETS_PER_CALL;
        };
    }

    Side rawMemory(MemoryBenchmark memory) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < Paired.GETS_PER_CALL; n++) {
                byte[] value = memory.rawGet(cursor);
                cursor.after(value);
                paired.sink += value[0];
            }
            return Paired.GETS_PER_CALL;
        };
    }
}
