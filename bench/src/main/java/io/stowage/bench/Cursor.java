package io.stowage.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread's position in the shared random visiting order. */
@State(Scope.Thread)
public class Cursor {

    private int position;

    int next(int[] order) {
        return order[position++ & (order.length - 1)];
    }
}
