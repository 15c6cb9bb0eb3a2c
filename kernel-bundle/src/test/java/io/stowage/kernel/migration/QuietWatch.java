package io.stowage.kernel.migration;

/** A migration nobody follows or cancels. */
public final class QuietWatch implements MigrationWatch {

    @Override
    public void copying() {
    }

    @Override
    public void copied(long entries) {
    }

    @Override
    public void checkNotCancelled() {
    }

    @Override
    public void switched() {
    }
}
