package io.stowage.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import io.stowage.api.BackendUnavailableException;
import io.stowage.storage.redis.RedisSettings.Mode;
import io.stowage.storage.redis.RedisSettings.Verify;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisCredentials;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Jedis: a pool of blocking connections per server, each used by one calling thread at a time, which does its own
 * socket I/O. It starts no thread (the pools' evictor is off) and registers no MBean.
 *
 * <p>Commands go to the connection providers directly rather than through Jedis's command executors, so that no
 * write is ever sent twice: Jedis's cluster executor sends a command again after a connection failure. Here a
 * command that fails on its connection fails its caller; only a redirection (MOVED, ASK), where the server did not
 * run the command, sends it on to the node named. A connection that broke makes its server's idle connections go
 * too (they broke with it). Opening a connection to a server that failed to answer is tried again at most once per
 * {@link RedisLink#RETRY_INTERVAL_NANOS}, by one caller; in between, operations for that server fail at once, and
 * those for other masters of a cluster go on.
 */
final class JedisLink implements RedisLink {

    private static final int MAX_REDIRECTS = 5;

    private final RedisSettings settings;
    private final JedisClientConfig config;
    private final GenericObjectPoolConfig<Connection> pool;
    private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);
    private final Map<HostAndPort, Gate> gates = new ConcurrentHashMap<>();
    private final Gate seedGate = new Gate();
    private volatile PooledConnectionProvider standalone;
    private volatile ClusterConnectionProvider cluster;
    private boolean closed;

    JedisLink(RedisSettings settings) {
        this.settings = settings;
        this.config = clientConfig(settings);
        this.pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.maxConnections);
        pool.setMaxIdle(settings.maxConnections);
        pool.setMinIdle(0);
        // An operation waits for a free connection no longer than for an answer
        pool.setMaxWait(settings.commandTimeout);
        pool.setBlockWhenExhausted(true);
        // No evictor thread (it is a static timer of commons-pool2, shared by every pool), no MBean
        pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
        pool.setJmxEnabled(false);
    }

    private static JedisClientConfig clientConfig(RedisSettings settings) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(settings.connectTimeout.toMillis()))
                .socketTimeoutMillis(Math.toIntExact(settings.commandTimeout.toMillis()))
                .database(settings.database)
                .protocol(RedisProtocol.RESP2);
        if (settings.hasPassword()) {
            String user = settings.username.isEmpty() ? null : settings.username;
            // Asked for on each new connection: the password is never kept in a String here
            config.credentialsProvider(() -> new RedisCredentials() {
                @Override
                public String getUser() {
                    return user;
                }

                @Override
                public char[] getPassword() {
                    return settings.password();
                }
            });
        }
        if (settings.tls) {
            SSLParameters parameters = new SSLParameters();
            if (settings.tlsVerify == Verify.FULL) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            config.ssl(true).sslSocketFactory(socketFactory(settings)).sslParameters(parameters);
        }
        return config.build();
    }

    /** Trusts the configured CA file, or the JVM's trust store, or (verify NONE) any server. */
    private static SSLSocketFactory socketFactory(RedisSettings settings) {
        try {
            TrustManager[] trust;
            if (settings.tlsVerify == Verify.NONE) {
                trust = new TrustManager[] {new TrustAny()};
            } else {
                KeyStore authorities = null;
                if (settings.tlsCaFile != null) {
                    authorities = KeyStore.getInstance(KeyStore.getDefaultType());
                    authorities.load(null, null);
                    try (InputStream in = Files.newInputStream(settings.tlsCaFile)) {
                        int n = 0;
                        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                                .generateCertificates(in)) {
                            authorities.setCertificateEntry("ca-" + n++, certificate);
                        }
                    }
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(authorities);
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Redis backend '" + settings.name + "': TLS CA file "
                    + settings.tlsCaFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public void connect() {
        if (settings.mode == Mode.CLUSTER) {
            cluster();
            return;
        }
        HostAndPort server = endpoint();
        standalone();
        // A connection of its own, made and destroyed as the pool makes and destroys its own (failures logged
        // alike), but never one of the pool's: a start check that lost a race with a bundle's refresh left a pooled
        // connection open for good (UpdateLeakIT). The operations open the pool's first connection
        Gate gate = gates.computeIfAbsent(server, s -> new Gate());
        gate.enter(server);
        ConnectionFactory factory = new ConnectionFactory(server, config);
        PooledObject<Connection> probe;
        try {
            probe = factory.makeObject();
        } catch (JedisConnectionException failed) {
            gate.failed(failed);
            throw failed;
        } catch (RuntimeException refused) {
            throw refused;
        } catch (Exception checked) {
            throw new JedisException(checked);
        }
        try {
            probe.getObject().ping();
            gate.opened();
        } catch (JedisConnectionException failed) {
            gate.failed(failed);
            throw failed;
        } finally {
            probe.getObject().disconnect();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return execute(commands.get(key), key);
    }

    @Override
    public List<byte[]> mget(byte[][] keys) {
        if (settings.mode == Mode.STANDALONE) {
            return execute(commands.mget(keys), keys[0]);
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(keys[i]), s -> new ArrayList<>()).add(i);
        }
        if (bySlot.size() == 1) {
            return execute(commands.mget(keys), keys[0]);
        }
        byte[][] values = new byte[keys.length][];
        for (List<Integer> positions : bySlot.values()) {
            byte[][] slotKeys = new byte[positions.size()][];
            for (int i = 0; i < slotKeys.length; i++) {
                slotKeys[i] = keys[positions.get(i)];
            }
            List<byte[]> found = execute(commands.mget(slotKeys), slotKeys[0]);
            for (int i = 0; i < slotKeys.length; i++) {
                values[positions.get(i)] = found.get(i);
            }
        }
        return Arrays.asList(values);
    }

    @Override
    public void zadd(byte[] key, byte[] member) {
        execute(commands.zadd(key, 0, member), key);
    }

    @Override
    public List<byte[]> zrangeByLex(byte[] key, byte[] min, byte[] max, int count) {
        return execute(commands.zrangeByLex(key, min, max, 0, count), key);
    }

    @Override
    public long evalLong(RedisScript script, byte[][] keys, byte[]... args) {
        return (Long) eval(script, keys, args);
    }

    @Override
    public byte[] evalValue(RedisScript script, byte[][] keys, byte[]... args) {
        return (byte[]) eval(script, keys, args);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> evalList(RedisScript script, byte[][] keys, byte[]... args) {
        return (List<Object>) eval(script, keys, args);
    }

    /** By digest; a server that does not know the script (NOSCRIPT, nothing run) gets it whole once. */
    private Object eval(RedisScript script, byte[][] keys, byte[][] args) {
        List<byte[]> keyList = Arrays.asList(keys);
        List<byte[]> argList = Arrays.asList(args);
        try {
            return execute(commands.evalsha(script.shaBytes, keyList, argList), keys[0]);
        } catch (JedisNoScriptException unknown) {
            return execute(commands.eval(script.bodyBytes, keyList, argList), keys[0]);
        }
    }

    /** Sends the command once, to the server, or to the master of {@code key}'s hash slot. */
    private <T> T execute(CommandObject<T> command, byte[] key) {
        if (settings.mode == Mode.STANDALONE) {
            PooledConnectionProvider provider = standalone();
            Connection connection = borrow(endpoint(), provider::getConnection);
            return run(connection, command, provider.getPool());
        }
        ClusterConnectionProvider provider = cluster();
        int slot = JedisClusterCRC16.getSlot(key);
        HostAndPort node = provider.getNode(slot);
        if (node == null) {
            provider.renewSlotCache();
            node = provider.getNode(slot);
            if (node == null) {
                throw new JedisClusterOperationException("no master serves hash slot " + slot);
            }
        }
        boolean asking = false;
        for (int redirects = 0;; redirects++) {
            HostAndPort target = node;
            Connection connection = borrow(target, () -> provider.getConnection(target));
            try {
                if (asking) {
                    connection.sendCommand(Protocol.Command.ASKING);
                    connection.getStatusCodeReply();
                }
                return connection.executeCommand(command);
            } catch (JedisRedirectionException redirected) {
                // The server ran nothing: the slot is served elsewhere (MOVED) or is moving (ASK)
                if (redirects >= MAX_REDIRECTS) {
                    throw redirected;
                }
                asking = redirected instanceof JedisAskDataException;
                if (!asking) {
                    provider.renewSlotCache(connection);
                }
                node = redirected.getTargetNode();
            } catch (JedisConnectionException failed) {
                if (!isTimeout(failed)) {
                    ConnectionPool nodePool = provider.getNodes().get(target.toString());
                    if (nodePool != null) {
                        nodePool.clear();
                    }
                }
                throw failed;
            } finally {
                connection.close();
            }
        }
    }

    /** Runs a command on a pooled connection and gives it back; a broken connection takes the idle ones along. */
    private static <T> T run(Connection connection, CommandObject<T> command,
            org.apache.commons.pool2.impl.GenericObjectPool<Connection> serverPool) {
        try {
            return connection.executeCommand(command);
        } catch (JedisConnectionException failed) {
            if (!isTimeout(failed)) {
                serverPool.clear();
            }
            throw failed;
        } finally {
            // Back to the pool, or destroyed if Jedis marked it broken
            connection.close();
        }
    }

    /** A connection to the server from its pool, which opens one if none is idle, through the server's gate. */
    private Connection borrow(HostAndPort server, Supplier<Connection> pooled) {
        Gate gate = gates.computeIfAbsent(server, s -> new Gate());
        gate.enter(server);
        try {
            Connection connection = pooled.get();
            gate.opened();
            return connection;
        } catch (JedisConnectionException failed) {
            gate.failed(failed);
            throw failed;
        }
    }

    /** A read that waited past the command timeout: the connection is dropped, the server may be fine. */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException timeout) {
                String message = timeout.getMessage();
                return message == null || !message.toLowerCase(Locale.ROOT).contains("connect");
            }
        }
        return false;
    }

    private HostAndPort endpoint() {
        RedisSettings.Endpoint endpoint = settings.endpoints.get(0);
        return new HostAndPort(endpoint.host(), endpoint.port());
    }

    private PooledConnectionProvider standalone() {
        PooledConnectionProvider provider = standalone;
        if (provider != null) {
            return provider;
        }
        synchronized (this) {
            ensureOpen();
            if (standalone == null) {
                // Opens no connection yet
                standalone = new PooledConnectionProvider(endpoint(), config, pool);
            }
            return standalone;
        }
    }

    /** The cluster's provider, made on the first call that reaches a seed node (it reads the slot map there). */
    private ClusterConnectionProvider cluster() {
        ClusterConnectionProvider provider = cluster;
        if (provider != null) {
            return provider;
        }
        synchronized (this) {
            ensureOpen();
            if (cluster == null) {
                Set<HostAndPort> seeds = new LinkedHashSet<>();
                settings.endpoints.forEach(e -> seeds.add(new HostAndPort(e.host(), e.port())));
                seedGate.enter(null);
                try {
                    cluster = new ClusterConnectionProvider(seeds, config, pool);
                    seedGate.opened();
                } catch (RuntimeException failed) {
                    seedGate.failed(failed);
                    throw failed;
                }
            }
            return cluster;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendUnavailableException("Redis backend '" + settings.name + "' has been closed");
        }
    }

    /** Closes every pool and so every idle connection; a connection still in use is closed when given back. */
    @Override
    public void close() {
        PooledConnectionProvider lastStandalone;
        ClusterConnectionProvider lastCluster;
        synchronized (this) {
            closed = true;
            lastStandalone = standalone;
            lastCluster = cluster;
            standalone = null;
            cluster = null;
        }
        if (lastStandalone != null) {
            lastStandalone.close();
        }
        if (lastCluster != null) {
            lastCluster.close();
        }
    }

    /**
     * Attempts to open connections to one server: after one failed, the next may be made
     * {@link RedisLink#RETRY_INTERVAL_NANOS} later, by one caller; the others fail at once meanwhile.
     */
    private static final class Gate {
        private RuntimeException failure;
        private long notBefore;
        private volatile boolean shut;

        void enter(HostAndPort server) {
            if (!shut) {
                return;
            }
            synchronized (this) {
                if (!shut) {
                    return;
                }
                long now = System.nanoTime();
                if (now - notBefore >= 0) {
                    notBefore = now + RETRY_INTERVAL_NANOS;
                    return;
                }
                throw new JedisConnectionException("no new connection to " + (server == null ? "the seed nodes"
                        : server) + " within " + RETRY_INTERVAL_NANOS / 1_000_000 + " ms of a failed one", failure);
            }
        }

        void opened() {
            if (shut) {
                synchronized (this) {
                    shut = false;
                    failure = null;
                }
            }
        }

        synchronized void failed(RuntimeException cause) {
            failure = cause;
            notBefore = System.nanoTime() + RETRY_INTERVAL_NANOS;
            shut = true;
        }
    }

    /** Verification NONE: any certificate passes (testing only, as the configuration says). */
    private static final class TrustAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
