package io.stowage.admin;

/**
 * Where a configuration stands after a move.
 *
 * @param instance the instance serving it now, or null if none does
 * @param reason why none does (its last start failure), or empty
 */
public record MoveResult(String configuration, InstanceInfo instance, String reason) {

    public boolean served() {
        return instance != null;
    }
}
