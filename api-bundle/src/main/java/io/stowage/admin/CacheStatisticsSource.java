package io.stowage.admin;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a bundle that runs caches over stores (the JCache provider) registers one, and the operator API's
 * {@link StowageAdmin#cacheStatistics()} reports what every registered source says, so that operator tools show
 * caches beside their stores without knowing who runs them.
 *
 * @since 1.4
 */
@ConsumerType
public interface CacheStatisticsSource {

    /** The caches open now, each with its statistics; called from operator tools' threads, at any time. */
    List<CacheStatistics> cacheStatistics();
}
