package io.stowage.itest;

import java.io.IOException;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;

import io.stowage.api.StorageException;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

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

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private LogReaderService log;

    @Inject
    private StorageService services;

    /** A configuration whose credentials Redis refuses: its password shows nowhere, its failure is clear. */
    @Test
    public void aRefusedPasswordAppearsInNoCommandOutputOrLog() throws Exception {
        String password = "Pw-that-must-not-show-42";
        org.osgi.service.cm.Configuration locked = configurationAdmin.getFactoryConfiguration("io.stowage.redis",
                "locked", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "locked");
        properties.put("uris", new String[] {"127.0.0.1:" + context.getProperty("stowage.itest.redis.port")});
        properties.put("username", "nobody");
        properties.put("password", password);
        locked.update(properties);
        StowageFramework.route(context, configurationAdmin, "guarded", "locked");
        Store guarded = services.store("guarded");
        StorageException refused = assertThrows(StorageException.class, () -> guarded.put("k", new byte[] {1}));
        String backends = StowageFramework.command(context, "stowage:backends");
        assertTrue(backends, backends.contains("locked"));
        String everything = refused + backends + StowageFramework.command(context, "stowage:instances")
                + StowageFramework.command(context, "stowage:extensions") + FrameworkLog.messages(log);
        assertFalse(everything.contains(password));
        assertTrue(everything, everything.contains("WRONGPASS") || everything.contains("NOAUTH")
                || everything.contains("refused"));
    }

    @Override
    protected void configureDefaultBackend(ConfigurationAdmin configurations) throws IOException {
        int port = Integer.parseInt(context.getProperty("stowage.itest.redis.port"));
        StowageFramework.redisBackend(configurations, "default", port);
    }
}
