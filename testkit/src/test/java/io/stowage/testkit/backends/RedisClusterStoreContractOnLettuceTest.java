package io.stowage.testkit.backends;

import java.io.IOException;

import org.junit.BeforeClass;

/** {@link RedisClusterStoreContractTest} on the Lettuce client. */
public class RedisClusterStoreContractOnLettuceTest extends RedisClusterStoreContractTest {

    /** Hides the superclass's method of the same name, which JUnit then does not run. */
    @BeforeClass
    public static void startKernel() throws IOException, InterruptedException {
        start("lettuce");
    }
}
