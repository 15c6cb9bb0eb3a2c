package io.stowage.storage.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Redis backend configuration, checked. The password is kept as a char array and appears in no string this class
 * makes: {@link #toString()} and {@link #describe()} name the user and the servers only.
 */
final class RedisSettings {

    enum Mode { STANDALONE, CLUSTER }

    enum Verify { FULL, CA, NONE }

    /** The client library that talks to Redis; both send the same commands (docs/architecture.md, "Redis client"). */
    enum Client { LETTUCE, JEDIS }

    /** One server address; never holds credentials. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    final String name;
    final Mode mode;
    final Client client;
    final List<Endpoint> endpoints;
    final int database;
    final String username;
    private final char[] password;
    final boolean tls;
    final Path tlsCaFile;
    final Verify tlsVerify;
    final Duration connectTimeout;
    final Duration commandTimeout;
    final int requestQueueSize;
    final int maxConnections;
    final String keyPrefix;
    /** Entries each store's change stream keeps, about; 0 for no streams. */
    final int changeStreamLength;
    /** Whether a put's stream entry carries the stored value. */
    final boolean changeStreamValues;

    private RedisSettings(Builder b) {
        this.name = b.name;
        this.mode = b.mode;
        this.client = b.client;
        this.endpoints = List.copyOf(b.endpoints);
        this.database = b.database;
        this.username = b.username;
        this.password = b.password;
        this.tls = b.tls;
        this.tlsCaFile = b.tlsCaFile;
        this.tlsVerify = b.tlsVerify;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.requestQueueSize = b.requestQueueSize;
        this.maxConnections = b.maxConnections;
        this.keyPrefix = b.keyPrefix;
        this.changeStreamLength = b.changeStreamLength;
        this.changeStreamValues = b.changeStreamValues;
    }

    static RedisSettings of(RedisBackendConfig config) {
        Builder b = new Builder(config.name());
        b.mode = parseMode(config.name(), config.mode());
        b.client = parseClient(config.name(), config.client());
        b.tls = config.tls();
        int position = 1;
        for (String uri : uris(config.uris())) {
            b.uri(uri, position++);
        }
        b.database = config.database();
        b.username = config.username();
        b.password = config.password().toCharArray();
        b.tlsCaFile = config.tlsCaFile().isBlank() ? null : Path.of(config.tlsCaFile().trim());
        b.tlsVerify = parseVerify(config.name(), config.tlsVerify());
        b.connectTimeout = Duration.ofMillis(config.connectTimeoutMillis());
        b.commandTimeout = Duration.ofMillis(config.commandTimeoutMillis());
        b.requestQueueSize = config.requestQueueSize();
        b.maxConnections = config.maxConnections();
        b.keyPrefix = config.keyPrefix();
        b.changeStreamLength = config.changeStreamLength();
        b.changeStreamValues = config.changeStreamValues();
        return b.build();
    }

    /**
     * The URIs, each entry also split at commas: a {@code .cfg} file gives one string ({@code uris = a:7000,b:7001}),
     * and no Redis URI holds a comma.
     */
    static List<String> uris(String[] entries) {
        List<String> uris = new ArrayList<>();
        for (String entry : entries) {
            for (String uri : entry.split(",")) {
                if (!uri.isBlank()) {
                    uris.add(uri.trim());
                }
            }
        }
        return uris;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    boolean hasPassword() {
        return password.length > 0;
    }

    /** A copy of the password, for the client's credentials only. */
    char[] password() {
        return password.clone();
    }

    /** Mode, servers and user, for logs and error messages: never the password. */
    String describe() {
        String servers = endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(", "));
        String who = username.isEmpty() ? (hasPassword() ? "default user with password" : "no authentication")
                : "user '" + username + "'";
        return (mode == Mode.CLUSTER ? "Redis Cluster via " + servers : "Redis " + servers
                + (database == 0 ? "" : " database " + database)) + (tls ? " over TLS" : "") + ", " + who
                + ", through " + (client == Client.JEDIS ? "Jedis" : "Lettuce");
    }

    @Override
    public String toString() {
        return "Redis backend '" + name + "' (" + describe() + ")";
    }

    private static Mode parseMode(String name, String mode) {
        return parse(Mode.class, name, "mode", mode, "neither standalone nor cluster");
    }

    private static Client parseClient(String name, String client) {
        return parse(Client.class, name, "client", client, "neither jedis nor lettuce");
    }

    private static Verify parseVerify(String name, String verify) {
        return parse(Verify.class, name, "tlsVerify", verify, "none of FULL, CA, NONE");
    }

    /** An enumerated attribute, in any case; its error names the configuration, attribute and allowed values. */
    private static <E extends Enum<E>> E parse(Class<E> type, String name, String attribute, String value,
            String allowed) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Redis backend '" + name + "': " + attribute + " '" + value + "' is "
                    + allowed);
        }
    }

    static final class Builder {
        private final String name;
        private Mode mode = Mode.STANDALONE;
        private Client client = Client.JEDIS;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private int database;
        private String username = "";
        private char[] password = new char[0];
        private boolean tls;
        private Path tlsCaFile;
        private Verify tlsVerify = Verify.FULL;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration commandTimeout = Duration.ofSeconds(2);
        private int requestQueueSize = 10_000;
        private int maxConnections = 16;
        private String keyPrefix = "stowage:";
        private int changeStreamLength;
        private boolean changeStreamValues = true;

        private Builder(String name) {
            this.name = name;
        }

        Builder cluster() {
            mode = Mode.CLUSTER;
            return this;
        }

        Builder client(Client value) {
            client = value;
            return this;
        }

        /** The client by its configuration name, {@code jedis} or {@code lettuce}. */
        Builder client(String value) {
            client = parseClient(name, value);
            return this;
        }

        Builder endpoint(String host, int port) {
            endpoints.add(new Endpoint(host, port));
            return this;
        }

        /**
         * Parses one URI of the configuration. Its text may hold a password, so no message quotes it: they name
         * its position instead.
         */
        Builder uri(String uri, int position) {
            String where = "Redis backend '" + name + "': URI #" + position;
            String text = uri.trim();
            if (!text.contains("://")) {
                text = "redis://" + text;
            }
            URI parsed;
            try {
                parsed = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(where + " is not a URI (host:port or redis://host:port)");
            }
            if (parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException(where + " holds credentials; set username and password instead");
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                throw new IllegalArgumentException(where + " has scheme '" + scheme + "'; use redis:// or rediss://");
            }
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException(where + " names no host");
            }
            if ((parsed.getRawPath() != null && !parsed.getRawPath().isEmpty()) || parsed.getRawQuery() != null) {
                throw new IllegalArgumentException(where + " has a path or query; set database and the other fields "
                        + "instead");
            }
            tls |= scheme.equals("rediss");
            String host = parsed.getHost().startsWith("[") ? parsed.getHost().substring(1, parsed.getHost().length() - 1)
                    : parsed.getHost();
            endpoints.add(new Endpoint(host, parsed.getPort() < 0 ? 6379 : parsed.getPort()));
            return this;
        }

        Builder database(int value) {
            database = value;
            return this;
        }

        Builder credentials(String user, String secret) {
            username = user;
            password = secret.toCharArray();
            return this;
        }

        Builder tls(Path caFile, Verify verify) {
            tls = true;
            tlsCaFile = caFile;
            tlsVerify = verify;
            return this;
        }

        Builder timeouts(Duration connect, Duration command) {
            connectTimeout = connect;
            commandTimeout = command;
            return this;
        }

        Builder keyPrefix(String value) {
            keyPrefix = value;
            return this;
        }

        /** A change stream per store of about {@code length} entries, with or without the values of puts. */
        Builder changeStream(int length, boolean values) {
            changeStreamLength = length;
            changeStreamValues = values;
            return this;
        }

        RedisSettings build() {
            String label = "Redis backend '" + name + "'";
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException(label + ": no URI given");
            }
            if (mode == Mode.STANDALONE && endpoints.size() > 1) {
                throw new IllegalArgumentException(label + ": standalone mode takes one URI, " + endpoints.size()
                        + " given (cluster mode takes seed nodes)");
            }
            if (database < 0 || (mode == Mode.CLUSTER && database != 0)) {
                throw new IllegalArgumentException(label + ": database " + database + " is not available"
                        + (mode == Mode.CLUSTER ? " (Redis Cluster has database 0 only)" : ""));
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative()
                    || commandTimeout.isZero()) {
                throw new IllegalArgumentException(label + ": timeouts must be positive");
            }
            if (requestQueueSize < 1) {
                throw new IllegalArgumentException(label + ": requestQueueSize must be positive");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException(label + ": maxConnections must be positive");
            }
            if (changeStreamLength < 0) {
                throw new IllegalArgumentException(label + ": changeStreamLength must be 0 (no streams) or more, not "
                        + changeStreamLength);
            }
            if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
                throw new IllegalArgumentException(label + ": key prefix '" + keyPrefix + "' holds a brace, which "
                        + "Redis Cluster would read as a hash tag");
            }
            if (tlsCaFile != null && !Files.isReadable(tlsCaFile)) {
                throw new IllegalArgumentException(label + ": TLS CA file " + tlsCaFile + " cannot be read");
            }
            return new RedisSettings(this);
        }
    }
}
