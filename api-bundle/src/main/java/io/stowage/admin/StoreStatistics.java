package io.stowage.admin;

/**
 * A store's traffic, over every configuration it was routed to since the kernel started.
 *
 * @param configuration the configuration it is routed to now
 * @param transactions  its transactions (since 1.1)
 */
public record StoreStatistics(StoreId store, String configuration, Traffic traffic, TransactionCounts transactions) {

    /** Statistics of a store that ran no transaction. */
    public StoreStatistics(StoreId store, String configuration, Traffic traffic) {
        this(store, configuration, traffic, TransactionCounts.NONE);
    }
}
