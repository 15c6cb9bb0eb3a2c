package io.stowage.testkit.backends;

import io.stowage.api.StorageService;

/**
 * The Store contract suite of {@link RedisStoreContractTest} with every value through a transform chain (deflate,
 * then an identity-bound xor that writes one value as different bytes each time, as a cipher does): compare-and-set,
 * batches and scans on Redis meet values whose stored bytes differ from what the application wrote.
 */
public class RedisTransformedStoreContractTest extends RedisStoreContractTest {

    @Override
    protected StorageService storage() {
        return transformed();
    }
}
