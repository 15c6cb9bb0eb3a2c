package io.stowage.storage.lmdb;

import java.util.Locale;

import org.lmdbjava.EnvFlags;

/** What a commit waits for before it returns. A process crash loses nothing in any mode; a power loss may. */
enum SyncMode {
    /** fsync of data and metadata: a returned commit survives a power loss. */
    DURABLE,
    /** MDB_NOMETASYNC: a power loss may undo the last commit, never corrupt the environment. */
    NO_META_SYNC,
    /** MDB_NOSYNC: a power loss may undo recent commits (and on some file systems corrupt the environment). */
    NO_SYNC;

    EnvFlags[] flags() {
        return switch (this) {
            case DURABLE -> new EnvFlags[] {EnvFlags.MDB_NOTLS};
            case NO_META_SYNC -> new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOMETASYNC};
            case NO_SYNC -> new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
        };
    }

    static SyncMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("syncMode '" + text + "' is not one of DURABLE, NO_META_SYNC, NO_SYNC");
        }
    }
}
