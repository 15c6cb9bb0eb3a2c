package io.stowage.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread's position in the shared random visiting order. */
@State(Scope.Thread)
public class Cursor {

    private int position;
    /** Always 0, in a field the JIT cannot read as a constant: see {@link #after}. */
    private int zero;

    /**
     * Makes the next position wait for a byte of the value the last get returned (it adds that byte times 0), so the
     * processor cannot start the next get's memory reads before the last get has ended: gets in a chain, as an
     * application's are when what it reads next depends on what it read.
     */
    void after(byte[] value) {
        position += value[0] & zero;
    }

    int next(int[] order) {
        return order[position++ & (order.length - 1)];
    }
}
