package io.stowage.itest;

import java.io.IOException;

import javax.inject.Inject;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The backend contract suite against the Redis extension, through the kernel, in a real Felix, with Lettuce, Netty
 * and reactor as bundles, on a redis-server of the test's own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RedisContractIT extends FrameworkContract {

    @Inject
    private BundleContext context;

    @Configuration
    @Override
    public Option[] config() {
        return StowageFramework.standard(StowageFramework.redisServerForClass());
    }

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        int port = Integer.parseInt(context.getProperty("stowage.itest.redis.port"));
        StowageFramework.redisBackend(configurations, "default", port);
    }
}
