package io.stowage.storage.lmdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * A read-only buffer over one value on a page of LMDB's map, made once per pooled reader and pointed at each value
 * it reads in turn, as lmdbjava points its own buffers. A reader must not get a writable buffer over the map (LMDB
 * maps it read-only: a write would crash the JVM), and {@code asReadOnlyBuffer()} per get allocated a 64-byte view
 * whenever the JIT did not inline the whole get, as in one JVM of three under load (+72 bytes a get instead of +8).
 *
 * <p>It writes {@code java.nio.Buffer}'s address and capacity, which the JVM options lmdbjava needs already open to
 * this bundle ({@link NioAccess}).
 */
final class PageView {

    private static final VarHandle ADDRESS;
    private static final VarHandle CAPACITY;

    static {
        try {
            MethodHandles.Lookup nio = MethodHandles.privateLookupIn(Buffer.class, MethodHandles.lookup());
            ADDRESS = nio.findVarHandle(Buffer.class, "address", long.class);
            CAPACITY = nio.findVarHandle(Buffer.class, "capacity", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Its own memory (one byte) is never read once it points at the map; the view keeps it alive. */
    private final ByteBuffer view = ByteBuffer.allocateDirect(1).asReadOnlyBuffer();

    /**
     * The view over {@code value}'s bytes from its position to its limit, position 0 and limit its length: valid
     * until the next call, and only while the read transaction that found the value is open.
     */
    ByteBuffer over(ByteBuffer value) {
        ADDRESS.set(view, (long) ADDRESS.get(value) + value.position());
        CAPACITY.set(view, value.remaining());
        view.clear();
        return view;
    }
}
