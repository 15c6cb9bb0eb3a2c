package io.stowage.testkit.backends;

/** {@link RedisConditionalWriteContractTest} on the Lettuce client. */
class RedisConditionalWriteContractOnLettuceTest extends RedisConditionalWriteContractTest {

    @Override
    String client() {
        return "lettuce";
    }
}
