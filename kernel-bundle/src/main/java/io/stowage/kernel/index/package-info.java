/**
 * Secondary indexes (issue 19): the {@code IndexFunction} services the kernel tracks ({@code IndexFunctions}), an
 * index's definition ({@code IndexDefinition}), where its entries lie within its store's key range
 * ({@code IndexLayout}), and the indexes of one store with their build state and usage counter
 * ({@code StoreIndexes}, {@code LiveIndex}), including the replacements built beside them for a changed definition.
 * It touches the SPI, the API's exceptions and the metrics package only; the store package maintains and reads the
 * entries in the same atomic writes as the values.
 */
package io.stowage.kernel.index;
