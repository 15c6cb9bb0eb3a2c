package io.stowage.transform.aesgcm;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;

/**
 * Reusable AES/GCM {@link Cipher}s: {@code Cipher.getInstance} looks the provider up on every call, which cost more
 * than encrypting a record of a few hundred bytes. A cipher is initialised afresh (key and nonce) for each value, so
 * reuse shares nothing between values; idle ciphers hold the last key they were initialised with, so closing the pool
 * drops them with the keyring.
 */
final class CipherPool {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final int capacity;
    private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    CipherPool(int capacity) {
        this.capacity = capacity;
    }

    Cipher borrow() throws GeneralSecurityException {
        Cipher cipher = idle.poll();
        if (cipher != null) {
            idleCount.decrementAndGet();
            return cipher;
        }
        return Cipher.getInstance(TRANSFORMATION);
    }

    /** Takes a cipher back after a use that ended normally; one that failed is dropped by not giving it back. */
    void giveBack(Cipher cipher) {
        if (closed || idleCount.incrementAndGet() > capacity) {
            if (!closed) {
                idleCount.decrementAndGet();
            }
            return;
        }
        idle.add(cipher);
        if (closed) {
            idle.remove(cipher);
        }
    }

    int idle() {
        return idle.size();
    }

    void close() {
        closed = true;
        idle.clear();
    }
}
