package io.stowage.itest;

/** {@link RedisContractIT} on the Lettuce client. */
public class RedisContractOnLettuceIT extends RedisContractIT {

    @Override
    protected String client() {
        return "lettuce";
    }
}
