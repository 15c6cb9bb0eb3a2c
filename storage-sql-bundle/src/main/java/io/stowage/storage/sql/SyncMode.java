package io.stowage.storage.sql;

import java.util.Locale;

/**
 * What a commit waits for before it returns, as SQLite's {@code synchronous} in WAL mode
 * (https://sqlite.org/pragma.html#pragma_synchronous). A process crash loses nothing in any mode; a power loss may.
 */
enum SyncMode {
    /** synchronous=FULL: the log is synced at every commit; a returned commit survives a power loss. */
    DURABLE("FULL"),
    /** synchronous=NORMAL: the log is synced at checkpoints; a power loss may undo the commits since the last. */
    NORMAL("NORMAL"),
    /** synchronous=OFF: nothing is synced; a power loss may undo commits and can corrupt the file. */
    NO_SYNC("OFF");

    private final String pragma;

    SyncMode(String pragma) {
        this.pragma = pragma;
    }

    /** The value of SQLite's {@code synchronous} pragma. */
    String pragma() {
        return pragma;
    }

    static SyncMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("syncMode '" + text + "' is not one of DURABLE, NORMAL, NO_SYNC");
        }
    }
}
