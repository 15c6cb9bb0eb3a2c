package io.stowage.admin;

/**
 * A store's traffic, over every configuration it was routed to since the kernel started.
 *
 * @param configuration the configuration it is routed to now
 */
public record StoreStatistics(StoreId store, String configuration, Traffic traffic) {
}
