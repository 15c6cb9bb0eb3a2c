package io.stowage.transform.aesgcm;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import javax.crypto.Cipher;

/**
 * Reusable AES/GCM {@link Cipher}s: {@code Cipher.getInstance} looks the provider up on every call, which cost more
 * than encrypting a record of a few hundred bytes. A cipher is initialised afresh (key and nonce) for each value, so
 * reuse shares nothing between values; idle ciphers hold the last key they were initialised with, so closing the pool
 * drops them with the keyring.
 *
 * <p>A fixed array of slots, each holding an idle cipher or nothing: a borrow takes one with a {@code getAndSet}, a
 * return puts it back with a {@code compareAndSet}, starting at a slot picked by the thread, so threads seldom meet
 * and nothing is allocated per value (a queue allocated a node for every return).
 */
final class CipherPool {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final AtomicReferenceArray<Cipher> slots;
    private volatile boolean closed;

    CipherPool(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    Cipher borrow() throws GeneralSecurityException {
        int start = start();
        for (int i = 0; i < slots.length(); i++) {
            Cipher cipher = slots.getAndSet((start + i) % slots.length(), null);
            if (cipher != null) {
                return cipher;
            }
        }
        return Cipher.getInstance(TRANSFORMATION);
    }

    /** Takes a cipher back after a use that ended normally; one that failed is dropped by not giving it back. */
    void giveBack(Cipher cipher) {
        if (closed) {
            return;
        }
        int start = start();
        for (int i = 0; i < slots.length(); i++) {
            int slot = (start + i) % slots.length();
            if (slots.compareAndSet(slot, null, cipher)) {
                // Closed meanwhile: the close may have emptied this slot before the cipher came back
                if (closed) {
                    slots.compareAndSet(slot, cipher, null);
                }
                return;
            }
        }
    }

    int idle() {
        int idle = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                idle++;
            }
        }
        return idle;
    }

    void close() {
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }

    private int start() {
        return (int) (Thread.currentThread().getId() % slots.length());
    }
}
