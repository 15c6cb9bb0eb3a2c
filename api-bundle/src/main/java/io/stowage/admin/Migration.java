package io.stowage.admin;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A store migration under way: watch it, wait for it, or cancel it before the switch. */
@ProviderType
public interface Migration {

    MigrationProgress progress();

    /**
     * Waits at most {@code timeout} for the end.
     *
     * @return the result, or empty if it still runs
     * @throws RuntimeException the migration's failure: the exceptions a store's operations throw, or an
     *         {@link IllegalArgumentException} naming a configuration that cannot take part
     * @throws java.util.concurrent.CancellationException if it was cancelled
     */
    Optional<MigrationResult> await(Duration timeout) throws InterruptedException;

    /**
     * Stops the copy if the store has not switched yet; the store stays in its source.
     *
     * @return whether it was cancelled (false once the store has switched, or the migration ended)
     */
    boolean cancel();
}
