package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;

import io.stowage.api.Batch;
import io.stowage.api.ChangeKind;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.Changes;

/**
 * What each kind of write tells a watched store's change log. Values are copied into the log only while a reader
 * wants them; a write whose condition failed, or a delete that found nothing, tells nothing.
 */
final class StoreChanges {

    private StoreChanges() {
    }

    static <T> Changes<T> put(String key, byte[] value) {
        return (log, result) -> log.append(key, ChangeKind.PUT, kept(log, value));
    }

    /** A conditional write: a change only if it wrote. */
    static Changes<Boolean> putIf(String key, byte[] value) {
        return (log, written) -> {
            if (written) {
                log.append(key, ChangeKind.PUT, kept(log, value));
            }
        };
    }

    /** A delete, given the envelope it removed: a change only if there was one, expired or not. */
    static Changes<byte[]> delete(String key) {
        return (log, previous) -> {
            if (previous != null) {
                log.append(key, ChangeKind.DELETE, null);
            }
        };
    }

    /** A batch: each of its mutations, in its order (a delete whether or not the key existed). */
    static <T> Changes<T> batch(Batch batch) {
        return (log, result) -> {
            for (Batch.Mutation mutation : batch.mutations()) {
                log.append(mutation.key(), mutation.isDelete() ? ChangeKind.DELETE : ChangeKind.PUT,
                        mutation.isDelete() ? null : kept(log, mutation.value()));
            }
        };
    }

    /** A transaction's commit: its buffered writes in key order, if it committed; values decoded as committed. */
    static Changes<Boolean> commit(WriteBuffer writes, StoreValues values) {
        return (log, committed) -> {
            if (!committed) {
                return;
            }
            writes.within(new byte[0], null).forEach((raw, pending) -> {
                String key = new String(raw, UTF_8);
                if (pending.isDelete()) {
                    log.append(key, ChangeKind.DELETE, null);
                } else {
                    log.append(key, ChangeKind.PUT, log.keepsValues() ? values.value(key, pending.envelope()) : null);
                }
            });
        };
    }

    /** A page of a clear: a delete of each key. */
    static <T> Changes<T> cleared(List<String> keys) {
        return (log, result) -> {
            for (String key : keys) {
                log.append(key, ChangeKind.DELETE, null);
            }
        };
    }

    private static byte[] kept(ChangeLog log, byte[] value) {
        return log.keepsValues() ? value.clone() : null;
    }
}
