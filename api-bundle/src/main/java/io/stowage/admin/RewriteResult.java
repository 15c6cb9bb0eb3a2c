package io.stowage.admin;

import java.time.Duration;

/**
 * Where a rewrite of a store's values through its route's current transform chain stands, or how it ended.
 *
 * @param scanned          entries read, expired ones included
 * @param rewritten        values written again as the current chain writes them
 * @param alreadyCurrent   values whose stored bytes were already what the current chain writes
 * @param changedMeanwhile values an application changed between the read and the conditional write: each was read
 *                         again and rewritten or found current (or gone), never overwritten
 * @param expired          entries found expired, left to the sweep
 * @param took             time since the rewrite started
 */
public record RewriteResult(StoreId store, long scanned, long rewritten, long alreadyCurrent, long changedMeanwhile,
        long expired, Duration took) {
}
