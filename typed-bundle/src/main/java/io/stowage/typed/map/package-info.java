/**
 * The persistent maps behind {@link io.stowage.typed.PersistentMaps}: map views of a store, their key ranges, and
 * the iterators that page through {@link io.stowage.api.Store#scan}. Not exported; they touch only the Store API
 * and the codecs.
 */
package io.stowage.typed.map;
