package io.stowage.jcache.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import io.stowage.jcache.EmbeddedStowage;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * The redis-server of the TCK's Redis run: a JUnit Platform listener that, in a fork whose system property
 * {@value #FOLDER} names a folder, starts a server of its own on a free loopback port before the first test runs,
 * points {@value EmbeddedStowage#REDIS_ADDRESS} at it (the provider's {@code stowage:redis} URI reads it), and stops
 * it when the fork ends. In every other fork it does nothing.
 */
public final class TckRedisServer implements TestExecutionListener {

    static final String FOLDER = "tck.redis.folder";

    private static RedisServer server;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        String folder = System.getProperty(FOLDER);
        if (folder != null) {
            running(Path.of(folder));
        }
    }

    /** The fork's server, started on first use; null in a fork that runs no Redis. */
    static synchronized RedisServer running() {
        return server;
    }

    private static synchronized void running(Path folder) {
        if (server != null) {
            return;
        }
        try {
            server = RedisServer.start(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a redis-server for the TCK in " + folder, e);
        }
        System.setProperty(EmbeddedStowage.REDIS_ADDRESS, server.host() + ":" + server.port());
        RedisServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException e) {
                // the fork is ending
            }
        }, "tck-redis-server-stop"));
    }
}
