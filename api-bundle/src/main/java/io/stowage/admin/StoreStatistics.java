package io.stowage.admin;

/**
 * A store's traffic, over every configuration it was routed to since the kernel started.
 *
 * @param configuration the configuration it is routed to now
 * @param transactions  its transactions (since 1.1)
 * @param transforms    what its transform chain did to the values it wrote and read (since 1.3)
 */
public record StoreStatistics(StoreId store, String configuration, Traffic traffic, TransactionCounts transactions,
        TransformCounts transforms) {

    /** Statistics of a store whose values went through no transform. */
    public StoreStatistics(StoreId store, String configuration, Traffic traffic, TransactionCounts transactions) {
        this(store, configuration, traffic, transactions, TransformCounts.NONE);
    }

    /** Statistics of a store that ran no transaction and whose values went through no transform. */
    public StoreStatistics(StoreId store, String configuration, Traffic traffic) {
        this(store, configuration, traffic, TransactionCounts.NONE, TransformCounts.NONE);
    }
}
