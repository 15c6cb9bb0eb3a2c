package io.stowage.kernel.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage kernel", description = "Routing defaults, waits and expiry sweeping")
@interface KernelConfig {

    @AttributeDefinition(name = "Default backend",
            description = "Backend configuration of every store that no store route names")
    String defaultBackend() default "default";

    @AttributeDefinition(name = "Operation timeout (ms)",
            description = "How long an operation waits for a missing backend before it fails")
    long operationTimeoutMillis() default 5000;

    @AttributeDefinition(name = "Drain timeout (ms)",
            description = "When a backend instance ends (update, switch, uninstall), how long it waits for the "
                    + "operations running on it; kept well below SCR's lock timeout (5 s)")
    long drainTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Sweep interval (s)",
            description = "How often expired entries are removed from backends without native TTL")
    long sweepIntervalSeconds() default 60;

    @AttributeDefinition(name = "Transaction attempts",
            description = "How many times a transaction runs before it gives up on conflicts with concurrent writes")
    int transactionAttempts() default 10;

    @AttributeDefinition(name = "Transaction backoff (ms)",
            description = "The longest pause before a conflicted transaction's second attempt; it doubles with each "
                    + "further attempt (at most 64 times), and each pause is random between half of it and all of it")
    long transactionBackoffMillis() default 2;

    @AttributeDefinition(name = "Change log size",
            description = "How many of a watched store's last changes the kernel keeps in memory, for change feeds "
                    + "and store listeners that read at their own pace; one further behind is told what it missed")
    int changeLogSize() default 10000;

    @AttributeDefinition(name = "Change log retention (s)",
            description = "How long a store's change log is kept after its last feed or listener left, so that a "
                    + "consumer that restarts resumes from its position without a gap; the log is dropped at the first "
                    + "expiry sweep after that (0: when the last one leaves)")
    long changeLogRetentionSeconds() default 600;
}
