package io.stowage.testkit.backends;

/** {@link RedisBackendContractTest} on the Lettuce client. */
class RedisBackendContractOnLettuceTest extends RedisBackendContractTest {

    @Override
    String client() {
        return "lettuce";
    }
}
