package io.stowage.admin;

/** What a restore does with a store that already holds keys. */
public enum RestoreMode {
    /** Refuse the whole restore, changing nothing. */
    REFUSE,
    /** Keep its keys; the dump's keys overwrite those they share. */
    MERGE,
    /** Clear it first. */
    REPLACE
}
