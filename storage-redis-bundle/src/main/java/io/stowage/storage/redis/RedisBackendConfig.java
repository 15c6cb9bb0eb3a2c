package io.stowage.storage.redis;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Stowage Redis backend",
        description = "A shared storage backend instance: the stores live in one Redis server or one Redis Cluster")
@interface RedisBackendConfig {

    @AttributeDefinition(name = "Name",
            description = "What store routes, the kernel's default backend and the stowage: commands call this "
                    + "configuration. A file may leave it out: etc/io.stowage.redis-sessions.cfg is named sessions")
    String name();

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the Redis extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    @AttributeDefinition(name = "Version policy",
            description = "latest: move to the highest version in range as soon as it is installed; pinned: keep the "
                    + "serving version while it is installed, until an operator moves it (stowage:move)",
            options = {@Option(label = "Follow latest", value = "latest"), @Option(label = "Pinned", value = "pinned")})
    String policy() default "latest";

    @AttributeDefinition(name = "Mode", description = "One Redis server, or a Redis Cluster reached through seed nodes",
            options = {@Option(label = "Standalone server", value = "standalone"),
                @Option(label = "Redis Cluster", value = "cluster")})
    String mode() default "standalone";

    @AttributeDefinition(name = "Client",
            description = "The Redis client library. jedis: a pool of blocking connections, one per operation in "
                    + "progress; measured 1.4-1.9x as fast as lettuce here (docs/architecture.md, Redis client). "
                    + "lettuce: one connection shared by every operation, through Netty event loop threads",
            options = {@Option(label = "Jedis", value = "jedis"), @Option(label = "Lettuce", value = "lettuce")})
    String client() default "jedis";

    @AttributeDefinition(name = "URIs",
            description = "standalone: the server; cluster: one or more seed nodes. host:port, redis://host:port or "
                    + "rediss://host:port (TLS); in a .cfg file, comma separated. Credentials go in the username and "
                    + "password fields, never here")
    String[] uris() default {"redis://localhost:6379"};

    @AttributeDefinition(name = "Database", description = "Logical database of a standalone server (cluster: 0)")
    int database() default 0;

    @AttributeDefinition(name = "Username",
            description = "Redis ACL user; empty for the default user (legacy AUTH with a password alone)")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Empty for no authentication; never logged or shown")
    String password() default "";

    @AttributeDefinition(name = "TLS", description = "Connect over TLS (rediss:// URIs always do)")
    boolean tls() default false;

    @AttributeDefinition(name = "TLS CA certificates",
            description = "PEM file of the certificate authorities to trust; empty for the JVM's trust store")
    String tlsCaFile() default "";

    @AttributeDefinition(name = "TLS peer verification",
            description = "FULL: certificate and host name; CA: certificate only; NONE: trust any server (testing only)",
            options = {@Option(label = "Certificate and host name", value = "FULL"),
                @Option(label = "Certificate only", value = "CA"), @Option(label = "None", value = "NONE")})
    String tlsVerify() default "FULL";

    @AttributeDefinition(name = "Connect timeout (ms)",
            description = "How long opening a connection may take; a backend that cannot connect fails to start and "
                    + "is retried")
    long connectTimeoutMillis() default 2_000;

    @AttributeDefinition(name = "Command timeout (ms)",
            description = "How long an operation waits for Redis before it fails as 'backend unavailable'")
    long commandTimeoutMillis() default 2_000;

    @AttributeDefinition(name = "Request queue size",
            description = "lettuce: commands that may wait to be sent on the connection; past it, operations fail "
                    + "at once. jedis: not used")
    int requestQueueSize() default 10_000;

    @AttributeDefinition(name = "Connections per server",
            description = "jedis: connections a server may have from this backend, one per operation in progress; "
                    + "an operation waits for a free one at most the command timeout. lettuce: not used (one "
                    + "connection per server)")
    int maxConnections() default 16;

    @AttributeDefinition(name = "Key prefix",
            description = "Every Redis key of this backend starts with it: several configurations or applications "
                    + "can share a server, and ACL key patterns (~prefix*) can confine the user")
    String keyPrefix() default "stowage:";

    @AttributeDefinition(name = "Change stream length",
            description = "0: no change streams. N > 0: every write also appends what it changed, in the same script, "
                    + "to a Redis stream per store that keeps about the last N changes (XADD MAXLEN ~ N), so change "
                    + "feeds in every runtime on this data, and any Redis client with XREAD, see all writes. Costs an "
                    + "XADD per changed key and the memory of N entries per store")
    int changeStreamLength() default 0;

    @AttributeDefinition(name = "Change stream values",
            description = "Whether a put's stream entry carries the stored value, so feeds that ask for values get "
                    + "them; without, such feeds see each put as a gap")
    boolean changeStreamValues() default true;
}
