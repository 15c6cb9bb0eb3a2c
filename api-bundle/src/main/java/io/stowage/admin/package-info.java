/**
 * The operator API: what the kernel offers tools that run Stowage (the Gogo shell, JMX, the health check, a web
 * console), as one service, {@link io.stowage.admin.StowageAdmin}. It sees and changes every namespace, so only
 * operator tools may use it; applications use {@link io.stowage.api.StorageService}, which confines a bundle to its
 * own namespace.
 *
 * <p>Since 1.4 it reports caches that run over stores ({@link io.stowage.admin.StowageAdmin#cacheStatistics()}), as
 * the bundles that run them tell it through the whiteboard {@link io.stowage.admin.CacheStatisticsSource}, and it
 * creates, lists and drops the stores' secondary indexes. Since 1.5 creating an index of a name the store has
 * already redefines it: the new definition is built beside the index, which answers lookups until then
 * ({@link io.stowage.admin.IndexState#REPLACING}). Since 1.6 it counts how each index is used
 * ({@link io.stowage.admin.StowageAdmin#indexStatistics(StoreId)}).
 */
@Export
@Version("1.6.0")
package io.stowage.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
