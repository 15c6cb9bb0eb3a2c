/**
 * The JCache (JSR-107) provider: caches that are Stowage stores. Not exported: applications use the
 * {@code javax.cache} API, and unwrap a cache to {@link io.stowage.api.Store} or a manager to
 * {@link io.stowage.api.StorageService}.
 */
package io.stowage.jcache;
