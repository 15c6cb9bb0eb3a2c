package io.stowage.shell.command;

/** What Tab completion offers for an argument; {@link CompletionCandidates} finds the values. */
public enum Candidates {
    /** Nothing to offer: free text such as a value or a glob. */
    NONE,
    /** Every store that holds data or was opened since the kernel started, as namespace/store. */
    STORE,
    /** Stores, as for {@link #STORE}, and their namespaces. */
    STORE_OR_NAMESPACE,
    /** Namespaces that hold data. */
    NAMESPACE,
    /** The keys of the store named by the command's first argument. */
    KEY,
    /** Backend configuration names. */
    CONFIGURATION,
    /** Versions of the installed storage extensions, and {@code latest}. */
    VERSION,
    /** Files and folders: the shell's own file completion. */
    FILE
}
