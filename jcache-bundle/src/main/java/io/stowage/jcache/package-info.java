/**
 * The JCache (JSR-107) provider: caches that are Stowage stores. Applications use the {@code javax.cache} API, and
 * unwrap a cache to {@link io.stowage.api.Store} or a manager to {@link io.stowage.api.StorageService}. Exported so
 * that a bundle can name the provider to {@code javax.cache.Caching}, which loads it through the bundle's class
 * loader ({@code Caching.getCachingProvider("io.stowage.jcache.StowageCachingProvider", loader)}), and unwrap to its
 * classes; the OSGi service needs no import of it.
 */
@Export
@Version("1.1.0")
package io.stowage.jcache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
