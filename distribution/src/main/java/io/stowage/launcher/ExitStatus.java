package io.stowage.launcher;

/** The launcher's exit statuses, which scripts calling {@code bin/stowage} rely on. */
final class ExitStatus {

    /** Every command succeeded, or the interactive shell was left normally. */
    static final int OK = 0;
    /** A script command failed; the lines after it did not run. */
    static final int COMMAND_FAILED = 1;
    /** The runtime did not come up: bad arguments, data folder in use, a bundle or service missing. */
    static final int STARTUP_FAILED = 2;

    private ExitStatus() {
    }
}
