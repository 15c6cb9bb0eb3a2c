package io.stowage.kernel.migration;

/**
 * What follows one store migration while it runs: it hears how far the copy is and may stop it before the switch by
 * throwing from {@link #checkNotCancelled()}, which the migrator calls before each page and inside the switch.
 */
public interface MigrationWatch {

    /** The target's leftovers are cleared; pages are copied from now on. */
    void copying();

    /** Entries copied so far. */
    void copied(long entries);

    /** Throws {@link java.util.concurrent.CancellationException} if the migration should stop. */
    void checkNotCancelled();

    /** The store is routed to the target now, under the switch's exclusion: a cancel no longer applies. */
    void switched();
}
