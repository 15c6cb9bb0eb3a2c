package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TransactionPairedTest {

    @Test
    void aSuccessorIsANewArrayCountingOneMoreWriteAndKeepingTheRest() {
        byte[] value = new byte[100];
        Arrays.fill(value, 8, 100, (byte) 7);
        byte[] next = TransactionPaired.successor(TransactionPaired.successor(value));
        assertNotSame(value, next);
        assertEquals(0, TransactionPaired.writes(value));
        assertEquals(2, TransactionPaired.writes(next));
        assertArrayEquals(Arrays.copyOfRange(value, 8, 100), Arrays.copyOfRange(next, 8, 100));
    }

    @Test
    void aBalanceReadsBackAsItsAmountNegativeOnesToo() {
        assertEquals(-3, TransferContention.amount(TransferContention.balance(-3)));
        assertEquals(TransferContention.OPENING_BALANCE,
                TransferContention.amount(TransferContention.balance(TransferContention.OPENING_BALANCE)));
    }
}
