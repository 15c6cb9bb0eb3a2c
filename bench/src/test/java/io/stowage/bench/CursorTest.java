package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void chainingAGetToTheLastValueKeepsTheVisitingOrder() {
        int[] order = {5, 3, 7, 1, 6, 0, 2, 4};
        Cursor free = new Cursor();
        Cursor chained = new Cursor();
        int[] freeVisits = new int[20];
        int[] chainedVisits = new int[20];
        for (int i = 0; i < 20; i++) {
            freeVisits[i] = free.next(order);
            chainedVisits[i] = chained.next(order);
            chained.after(new byte[] {(byte) (i * 37 - 128), 1, 2});
        }
        assertArrayEquals(freeVisits, chainedVisits);
    }
}
