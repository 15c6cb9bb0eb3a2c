package io.stowage.storage.redis;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.storage.redis.testing.RedisServer;

/** Points a test's settings at its emptied redis-server, or at its emptied Redis Cluster through every master. */
final class RedisTargets {

    private RedisTargets() {
    }

    /** Each client, on one server and on a cluster: what {@code @MethodSource(SETUPS)} runs a test on. */
    static Stream<Arguments> setups() {
        return Stream.of(RedisSettings.Client.values())
                .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    static final String SETUPS = "io.stowage.storage.redis.RedisTargets#setups";

    static RedisSettings.Builder emptied(RedisSettings.Builder builder, boolean onCluster, RedisServer server,
            RedisCluster cluster) throws IOException {
        if (onCluster) {
            builder.cluster();
            for (int i = 0; i < cluster.masters().size(); i++) {
                RedisServer master = cluster.masters().get(i);
                master.command("FLUSHALL");
                builder.uri(master.host() + ":" + master.port(), i + 1);
            }
        } else {
            server.command("FLUSHALL");
            builder.endpoint(server.host(), server.port());
        }
        return builder;
    }
}
