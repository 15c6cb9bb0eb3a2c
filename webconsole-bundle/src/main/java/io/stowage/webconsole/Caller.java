package io.stowage.webconsole;

/** Who sent a request, as far as the console's rights go: reading is for anyone the console admits. */
public interface Caller {

    /** Whether this caller may change Stowage (delete, migrate, move, restore, hot copy). */
    boolean mayChange();
}
