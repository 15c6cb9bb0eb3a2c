package io.stowage.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;

/**
 * Whether {@link BackendCondition}s hold, read in the write transaction that then applies the conditional write, so
 * that no other write can fall between the check and the mutations (LMDB runs one write transaction at a time).
 * Values are compared in place on their pages; only the keys of a range are copied, to compare them unsigned.
 */
final class ConditionCheck {

    private final Dbi<ByteBuffer> dbi;
    private final Txn<ByteBuffer> txn;
    private final ByteBuffer keyBuffer;

    /** @param keyBuffer a direct buffer for keys, as long as LMDB's longest; used by this check alone meanwhile */
    ConditionCheck(Dbi<ByteBuffer> dbi, Txn<ByteBuffer> txn, ByteBuffer keyBuffer) {
        this.dbi = dbi;
        this.txn = txn;
        this.keyBuffer = keyBuffer;
    }

    boolean allHold(List<BackendCondition> conditions) {
        for (BackendCondition condition : conditions) {
            if (!(condition.isSingleKey() ? valueHolds(condition) : rangeHolds(condition))) {
                return false;
            }
        }
        return true;
    }

    private boolean valueHolds(BackendCondition condition) {
        ByteBuffer found = dbi.get(txn, load(condition.fromInclusive()));
        byte[] expected = condition.expected();
        return expected == null ? found == null : found != null && found.equals(ByteBuffer.wrap(expected));
    }

    /** Walks the range with a cursor beside the expected entries; one key more than expected is a phantom. */
    private boolean rangeHolds(BackendCondition condition) {
        List<BackendEntry> expected = condition.entries();
        try (Cursor<ByteBuffer> cursor = dbi.openCursor(txn)) {
            boolean positioned = cursor.get(load(condition.fromInclusive()), GetOp.MDB_SET_RANGE);
            for (BackendEntry want : expected) {
                if (!positioned || !inRange(cursor, condition)
                        || !cursor.key().equals(ByteBuffer.wrap(want.key()))
                        || !cursor.val().equals(ByteBuffer.wrap(want.value()))) {
                    return false;
                }
                positioned = cursor.next();
            }
            return !positioned || !inRange(cursor, condition);
        }
    }

    private static boolean inRange(Cursor<ByteBuffer> cursor, BackendCondition condition) {
        ByteBuffer key = cursor.key();
        byte[] bytes = new byte[key.remaining()];
        key.get(key.position(), bytes);
        return Arrays.compareUnsigned(bytes, condition.toExclusive()) < 0;
    }

    private ByteBuffer load(byte[] key) {
        keyBuffer.clear();
        keyBuffer.put(key).flip();
        return keyBuffer;
    }
}
