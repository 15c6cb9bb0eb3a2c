package io.stowage.storage.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ReadOnlyCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.tracing.Tracing;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.storage.redis.RedisSettings.Mode;

/**
 * Lettuce: the client, its own threads and one connection (to the server, or to the cluster) shared by every
 * operation.
 *
 * <p>No write is ever sent twice. The client's automatic reconnection replays commands that were in flight when the
 * connection broke, so a write whose caller already got a timeout could be applied later, over a newer write.
 * <ul>
 * <li>Standalone: the client does not reconnect by itself. A command in flight on a broken connection fails at once,
 * and the next operation opens a new connection, at most once per {@link #RETRY_INTERVAL_NANOS}; in between,
 * operations fail at once as "backend unavailable".
 * <li>Cluster: the client keeps a connection per master and reconnects each by itself (one failed master must not
 * take the connections to the others down). Commands for a master that is disconnected fail at once; commands in
 * flight when its connection broke are never replayed if they write: they fail at their command timeout, with an
 * outcome the error calls unknown. Reads in flight are replayed once the master is back.
 * </ul>
 */
final class LettuceLink implements RedisLink {

    /** One open connection and its command interfaces, which both modes share. */
    record Connection(StatefulConnection<byte[], byte[]> stateful, RedisClusterCommands<byte[], byte[]> sync,
            RedisClusterAsyncCommands<byte[], byte[]> async) {
    }

    /** The client's logger that, at TRACE, writes out each command as sent: AUTH and HELLO with the password. */
    private static final String WIRE_LOG = "io.lettuce.core.protocol.CommandEncoder";

    private final RedisSettings settings;
    private final RedisFailures failures;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private volatile Connection current;
    private long retryNotBefore;
    private RuntimeException lastFailure;
    private boolean closed;

    LettuceLink(RedisSettings settings, RedisFailures failures) {
        this.settings = settings;
        this.failures = failures;
        // Resources of its own, so that closing this link ends every thread it started
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .tracing(Tracing.disabled())
                .build();
        try {
            forgetWhoInitialisedNetty();
            this.client = settings.mode == Mode.CLUSTER ? clusterClient() : standaloneClient();
        } catch (RuntimeException | Error e) {
            resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
    }

    /**
     * Netty's GlobalEventExecutor and ImmediateEventExecutor are singletons that live as long as netty-common, and
     * each keeps an exception made when its class was initialised: the cause of its (already failed) termination
     * future. An exception's backtrace holds the classes that were on the stack when it was made, and so their class
     * loaders. Building the first client resources in the framework initialises both classes, from RedisLink and
     * RedisBackend: netty-common would keep that revision of this extension, and its class loader, for good, however
     * often the extension is updated and refreshed afterwards (netty/netty#17128; Netty 4.2.17 fixed only
     * GlobalEventExecutor).
     *
     * <p>Each exception's stack trace is filled in again on a short-lived thread of its own that runs a method
     * reference to {@link Throwable#fillInStackTrace()}: no class of this bundle is on that thread's stack (the
     * method reference's own frame is hidden from stack traces), so the backtrace holds {@code Thread.run} alone. The
     * stack trace of these exceptions tells nothing anyway. Every link does it, as any bundle could have been first.
     */
    private static void forgetWhoInitialisedNetty() {
        List<Thread> refills = new ArrayList<>(2);
        for (EventExecutor singleton : List.of(GlobalEventExecutor.INSTANCE, ImmediateEventExecutor.INSTANCE)) {
            Throwable made = singleton.terminationFuture().cause();
            if (made != null) {
                Thread refill = new Thread(made::fillInStackTrace, "stowage-netty-stack-refill");
                refill.setDaemon(true);
                refill.start();
                refills.add(refill);
            }
        }
        try {
            for (Thread refill : refills) {
                refill.join();
            }
        } catch (InterruptedException e) {
            // The threads refill all the same; only the wait for them ends
            Thread.currentThread().interrupt();
        }
    }

    private AbstractRedisClient standaloneClient() {
        RedisClient standalone = RedisClient.create(resources, uri(settings.endpoints.get(0)));
        ClientOptions.Builder options = ClientOptions.builder();
        configure(options);
        standalone.setOptions(options.build());
        return standalone;
    }

    private AbstractRedisClient clusterClient() {
        List<RedisURI> seeds = settings.endpoints.stream().map(this::uri).toList();
        RedisClusterClient cluster = RedisClusterClient.create(resources, seeds);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder();
        configure(options);
        cluster.setOptions(options.build());
        return cluster;
    }

    private void configure(ClientOptions.Builder options) {
        boolean cluster = settings.mode == Mode.CLUSTER;
        options.autoReconnect(cluster)
                .replayFilter(command -> !ReadOnlyCommands.isReadOnlyCommand(command.getType()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.requestQueueSize)
                // Commands are synchronous: each caller waits at most the URI's timeout and cancels its command.
                // Timeout options would also schedule an expiry task per command, which cost redis.get about 11 us
                // an operation here (0.89x of the raw client with them, 0.97-1.02x without: docs/benchmarks.md)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout).keepAlive(true).build());
        if (settings.tls) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            if (settings.tlsCaFile != null) {
                ssl.trustManager(settings.tlsCaFile.toFile());
            }
            options.sslOptions(ssl.build());
        }
    }

    private RedisURI uri(RedisSettings.Endpoint endpoint) {
        RedisURI.Builder uri = RedisURI.Builder.redis(endpoint.host(), endpoint.port())
                .withDatabase(settings.database)
                .withTimeout(settings.commandTimeout)
                .withSsl(settings.tls)
                .withLibraryName("stowage");
        if (settings.tls) {
            uri.withVerifyPeer(SslVerifyMode.valueOf(settings.tlsVerify.name()));
        }
        if (settings.hasPassword()) {
            uri = settings.username.isEmpty() ? uri.withPassword(settings.password())
                    : uri.withAuthentication(settings.username, settings.password());
        }
        return uri.build();
    }

    @Override
    public void connect() {
        connection();
    }

    @Override
    public byte[] get(byte[] key) {
        return run(c -> c.sync().get(key));
    }

    /** One MGET; on a cluster the client splits it by hash slot. */
    @Override
    public List<byte[]> mget(byte[][] keys) {
        List<KeyValue<byte[], byte[]>> found = run(c -> c.sync().mget(keys));
        List<byte[]> values = new ArrayList<>(found.size());
        for (KeyValue<byte[], byte[]> entry : found) {
            values.add(entry.getValueOrElse(null));
        }
        return values;
    }

    @Override
    public void zadd(byte[] key, byte[] member) {
        run(c -> c.sync().zadd(key, 0, member));
    }

    @Override
    public List<byte[]> zrangeByLex(byte[] key, byte[] min, byte[] max, int count) {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).add(min).add(max)
                .add("LIMIT").add(0).add(count);
        return run(c -> c.sync().dispatch(CommandType.ZRANGEBYLEX, new ValueListOutput<>(ByteArrayCodec.INSTANCE),
                args));
    }

    @Override
    public long evalLong(RedisScript script, byte[][] keys, byte[]... args) {
        Long result = run(c -> script.run(c.sync(), ScriptOutputType.INTEGER, keys, args));
        return result;
    }

    @Override
    public byte[] evalValue(RedisScript script, byte[][] keys, byte[]... args) {
        return run(c -> script.run(c.sync(), ScriptOutputType.VALUE, keys, args));
    }

    @Override
    public List<Object> evalList(RedisScript script, byte[][] keys, byte[]... args) {
        return run(c -> script.run(c.sync(), ScriptOutputType.MULTI, keys, args));
    }

    /** Runs a command on the connection; a connection that broke under it is dropped (standalone). */
    private <T> T run(Function<Connection, T> command) {
        Connection connection = connection();
        try {
            return command.apply(connection);
        } catch (RuntimeException e) {
            if (RedisFailures.isConnectionLoss(e)) {
                broken(connection);
            }
            throw e;
        }
    }

    /**
     * The open connection, opening one if there is none; fails as "backend unavailable" when Redis is not there. A
     * cluster connection, once made, stays: it reconnects to each master by itself, and reports itself closed while
     * the one master it first reached is down.
     */
    private Connection connection() {
        Connection connection = current;
        if (connection != null && (settings.mode == Mode.CLUSTER || connection.stateful().isOpen())) {
            return connection;
        }
        return reconnect(connection);
    }

    /** Drops a standalone connection after a connection failure; a cluster connection reconnects by itself. */
    private void broken(Connection connection) {
        if (settings.mode == Mode.CLUSTER) {
            return;
        }
        synchronized (this) {
            if (current != connection) {
                return;
            }
            current = null;
        }
        connection.stateful().closeAsync();
    }

    private synchronized Connection reconnect(Connection stale) {
        if (closed) {
            throw new BackendUnavailableException("Redis backend '" + settings.name + "' has been closed");
        }
        if (current != null && current != stale && (settings.mode == Mode.CLUSTER || current.stateful().isOpen())) {
            return current;
        }
        if (stale != null) {
            current = null;
            stale.stateful().closeAsync();
        }
        long now = System.nanoTime();
        if (lastFailure != null && now - retryNotBefore < 0) {
            throw failures.translate(lastFailure, "connect", false);
        }
        try {
            current = open();
            lastFailure = null;
            return current;
        } catch (RuntimeException e) {
            lastFailure = e;
            retryNotBefore = System.nanoTime() + RETRY_INTERVAL_NANOS;
            throw failures.translate(e, "connect", false);
        }
    }

    private Connection open() {
        if (settings.hasPassword() && InternalLoggerFactory.getInstance(WIRE_LOG).isTraceEnabled()) {
            throw new StorageException("Redis backend '" + settings.name + "': will not authenticate while the "
                    + "logger " + WIRE_LOG + " is at TRACE, which logs every byte sent, the password "
                    + "included; set it to DEBUG or lower");
        }
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
            connectToEveryMaster(connection);
            return new Connection(connection, connection.sync(), connection.async());
        }
        StatefulRedisConnection<byte[], byte[]> connection = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        return new Connection(connection, connection.sync(), connection.async());
    }

    /**
     * The client makes a master's connection on the first command for it, and rejects that command while the
     * connection is being made: made up front, no command meets a connection not made yet. A master that is down
     * now gets its connection when it is back, like any master that fails later.
     */
    private static void connectToEveryMaster(StatefulRedisClusterConnection<byte[], byte[]> connection) {
        for (RedisClusterNode node : connection.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                try {
                    connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
                } catch (RuntimeException down) {
                    // its commands fail as unavailable until it answers again
                }
            }
        }
    }

    /** Closes the connection and ends the client's threads, waiting for them. */
    @Override
    public void close() {
        Connection last;
        synchronized (this) {
            closed = true;
            last = current;
            current = null;
        }
        try {
            if (last != null) {
                last.stateful().close();
            }
        } finally {
            try {
                client.shutdown(0, 2, TimeUnit.SECONDS);
            } finally {
                resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }
}
