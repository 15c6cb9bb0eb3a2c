package io.stowage.testkit.backends;

/** {@link RedisClusterBackendContractTest} on the Lettuce client. */
class RedisClusterBackendContractOnLettuceTest extends RedisClusterBackendContractTest {

    @Override
    String client() {
        return "lettuce";
    }
}
