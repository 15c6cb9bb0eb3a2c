package io.stowage.testkit.backends;

import io.stowage.api.StorageService;

/**
 * The Store contract suite of {@link RedisClusterStoreContractTest} with every value through a transform chain, as
 * {@link RedisTransformedStoreContractTest} on a standalone server.
 */
public class RedisClusterTransformedStoreContractTest extends RedisClusterStoreContractTest {

    @Override
    protected StorageService storage() {
        return transformed();
    }
}
