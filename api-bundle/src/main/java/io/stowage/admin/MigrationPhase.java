package io.stowage.admin;

/** How far a store migration has come. Until {@link #SWITCHED} the store is served by its source alone. */
public enum MigrationPhase {

    /** The target's range of the store is cleared of what an interrupted migration left. */
    PREPARING,
    /** Pages are copied while writes are mirrored to the target. */
    COPYING,
    /** The store is routed to the target; the source's copy is being deleted unless it is kept. */
    SWITCHED,
    /** It ended: the store is in the target. */
    DONE,
    /** It failed before the switch: the store stays in the source, which is complete. */
    FAILED,
    /** It was cancelled before the switch: the store stays in the source, which is complete. */
    CANCELLED;

    public boolean isFinished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
