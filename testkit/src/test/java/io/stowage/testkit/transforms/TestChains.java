package io.stowage.testkit.transforms;

import io.stowage.testkit.EmbeddedKernel;

/**
 * The chain the transformed contract runs use: every value of one namespace through deflate, then the identity-bound
 * xor, with no minimum size, so every path of the Store contract meets transformed values.
 */
public final class TestChains {

    /** The namespace whose stores go through the chain; the plain contract's namespace stays plain. */
    public static final String TRANSFORMED_NAMESPACE = "io.stowage.tck.transformed";

    private TestChains() {
    }

    /** The kernel with both test transforms registered and the namespace routed through them. */
    public static EmbeddedKernel withTestChain(EmbeddedKernel kernel) {
        return kernel.withTransform(new DeflateTransform(), "1.0.0").withTransform(new XorTransform(), "1.0.0")
                .routeThrough(TRANSFORMED_NAMESPACE, "*", "deflate(level=6), xor", 0);
    }
}
