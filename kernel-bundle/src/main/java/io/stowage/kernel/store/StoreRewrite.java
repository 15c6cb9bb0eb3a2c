package io.stowage.kernel.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

import io.stowage.admin.RewriteResult;
import io.stowage.admin.StoreId;
import io.stowage.kernel.Kernel;
import io.stowage.spi.StorageBackend;

/**
 * Writes a store's stored values again as its route's chain writes values now (issue 18), live: every value is
 * decoded and encoded again, and written only if its stored bytes are still those read (the backend's
 * compare-and-set on raw envelopes, expiry kept), so an application's write in between is never overwritten; the
 * value is read again instead. Values are walked a backend page at a time, so memory stays bounded by a page.
 *
 * <p>Every value is encoded again rather than its header compared with the chain: a header records the steps and
 * their format versions, not an encryption key's generation or a step's parameters, so only encoding again tells
 * whether the stored bytes are what the chain writes now. Identical bytes (a deterministic chain, or plain values
 * under no chain) count as already current and are not written.
 */
public final class StoreRewrite {

    /** One conditional write: whether it took, and if not, the envelope stored now (null once the key is gone). */
    private record Attempt(boolean written, byte[] current) {
    }

    private static final int PROGRESS_EVERY = 1000;

    private final StoreAccess access;
    private final StoreRoute route;
    private final StoreId store;
    private final long started;
    private long scanned;
    private long rewritten;
    private long alreadyCurrent;
    private long changedMeanwhile;
    private long expired;

    public StoreRewrite(StoreRoute route, Kernel kernel) {
        this.access = new StoreAccess(route, kernel);
        this.route = route;
        this.store = new StoreId(route.namespace, route.name);
        this.started = System.nanoTime();
    }

    /**
     * Rewrites every value of the store, telling {@code progress} (if not null) the counts after each thousand
     * entries; a transform that a value or the chain needs and that is missing ends it with its typed error.
     */
    public RewriteResult run(Consumer<RewriteResult> progress) {
        try {
            new StoreListing(access).forEachStored(false, (raw, prefixLength, envelope) -> {
                scanned++;
                rewrite(KeyCodec.decode(raw, prefixLength), envelope);
                if (progress != null && scanned % PROGRESS_EVERY == 0) {
                    progress.accept(result());
                }
            });
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
        return result();
    }

    private void rewrite(String key, byte[] read) {
        byte[] raw = KeyCodec.encode(route.lastPrefix(), key, route.label);
        byte[] stored = read;
        while (true) {
            if (stored == null) {
                return; // deleted by an application meanwhile: nothing left to rewrite
            }
            if (ValueEnvelope.isExpired(stored, access.kernel.nowMillis())) {
                expired++;
                return;
            }
            long expiresAt = ValueEnvelope.expiresAt(stored);
            byte[] fresh = access.values.envelope(key, access.values.value(key, stored), expiresAt);
            if (Arrays.equals(fresh, stored)) {
                alreadyCurrent++;
                return;
            }
            byte[] expected = stored;
            Attempt attempt = access.writeUnchanged((bound, keys, k, envelope, expiry) -> {
                StorageBackend backend = bound.backend();
                return backend.replace(k, expected, envelope, expiry) ? new Attempt(true, null)
                        : new Attempt(false, backend.get(k));
            }, raw, fresh, expiresAt);
            if (attempt.written()) {
                rewritten++;
                return;
            }
            changedMeanwhile++;
            stored = attempt.current();
        }
    }

    private RewriteResult result() {
        return new RewriteResult(store, scanned, rewritten, alreadyCurrent, changedMeanwhile, expired,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
