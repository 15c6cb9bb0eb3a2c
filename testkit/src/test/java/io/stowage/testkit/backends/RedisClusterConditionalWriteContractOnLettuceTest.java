package io.stowage.testkit.backends;

/** {@link RedisClusterConditionalWriteContractTest} on the Lettuce client. */
class RedisClusterConditionalWriteContractOnLettuceTest extends RedisClusterConditionalWriteContractTest {

    @Override
    String client() {
        return "lettuce";
    }
}
