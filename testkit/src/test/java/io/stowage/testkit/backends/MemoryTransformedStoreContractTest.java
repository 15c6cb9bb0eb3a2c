package io.stowage.testkit.backends;

import io.stowage.api.StorageService;
import io.stowage.testkit.transforms.TestChains;

/**
 * The Store contract suite of {@link MemoryStoreContractTest} with every value through a transform chain (deflate,
 * then an identity-bound xor that writes one value as different bytes each time, as a cipher does).
 */
public class MemoryTransformedStoreContractTest extends MemoryStoreContractTest {

    @Override
    protected StorageService storage() {
        return kernel().namespace(TestChains.TRANSFORMED_NAMESPACE);
    }
}
