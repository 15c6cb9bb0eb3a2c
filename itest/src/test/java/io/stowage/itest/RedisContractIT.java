package io.stowage.itest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

import io.stowage.api.StorageException;
import io.stowage.api.Store;

/**
 * The backend contract suite against the Redis extension, through the kernel, in a real Felix, with Jedis and
 * commons-pool2, Lettuce, Netty and reactor as bundles, on a redis-server of the test's own; on the Jedis client
 * here, on Lettuce in {@link RedisContractOnLettuceIT}.
 */
public class RedisContractIT extends FrameworkContract {

    /** The backend's client, as its configuration names it. */
    protected String client() {
        return "jedis";
    }

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().with(StowageFramework.redisServerForClass());
    }

    /** A configuration whose credentials Redis refuses: its password shows nowhere, its failure is clear. */
    @Test
    public void aRefusedPasswordAppearsInNoCommandOutputOrLog() throws Exception {
        String password = "Pw-that-must-not-show-42";
        org.osgi.service.cm.Configuration locked = configurations.getFactoryConfiguration("io.stowage.redis",
                "locked", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "locked");
        properties.put("uris", new String[] {"127.0.0.1:" + context.getProperty("stowage.itest.redis.port")});
        properties.put("username", "nobody");
        properties.put("password", password);
        properties.put("client", client());
        locked.update(properties);
        StowageFramework.route(context, configurations, "guarded", "locked");
        Store guarded = storage().store("guarded");
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
        StowageFramework.redisBackend(configurations, "default", port, client());
    }
}
