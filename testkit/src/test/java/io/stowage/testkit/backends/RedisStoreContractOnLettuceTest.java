package io.stowage.testkit.backends;

import java.io.IOException;

import org.junit.BeforeClass;

/** {@link RedisStoreContractTest} on the Lettuce client. */
public class RedisStoreContractOnLettuceTest extends RedisStoreContractTest {

    /** Hides the superclass's method of the same name, which JUnit then does not run. */
    @BeforeClass
    public static void startKernel() throws IOException {
        start("lettuce");
    }
}
