package io.stowage.storage.redis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three masters of a test's own on loopback, created with {@code redis-cli --cluster create}; every
 * slot is served once it is up.
 */
public final class RedisCluster implements AutoCloseable {

    private final Path folder;
    private final List<RedisServer> masters;

    private RedisCluster(Path folder, List<RedisServer> masters) {
        this.folder = folder;
        this.masters = masters;
    }

    public static RedisCluster start(Path folder) throws IOException, InterruptedException {
        List<RedisServer> masters = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                // Without full coverage the other masters go on serving while one is down (there are no replicas)
                masters.add(RedisServer.start(folder.resolve("node" + i), "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
                        "--cluster-require-full-coverage", "no", "--appendonly", "yes", "--appendfsync", "always"));
            }
            List<String> create = new ArrayList<>(List.of(cli(), "--cluster", "create"));
            masters.forEach(m -> create.add(m.host() + ":" + m.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process process = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("create.out").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("redis-cli --cluster create failed: "
                        + Files.readString(folder.resolve("create.out")));
            }
            RedisCluster cluster = new RedisCluster(folder, masters);
            cluster.awaitOk();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (RedisServer master : masters) {
                master.close();
            }
            throw e;
        }
    }

    private void awaitOk() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (RedisServer master : masters) {
                ok &= master.command("CLUSTER", "INFO").contains("cluster_state:ok");
            }
            if (ok) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the cluster did not reach cluster_state:ok within 30 s");
    }

    public List<RedisServer> masters() {
        return masters;
    }

    /** Keys held by each master, in order; proves that stores spread across masters. */
    public List<Long> keysPerMaster() throws IOException {
        List<Long> counts = new ArrayList<>();
        for (RedisServer master : masters) {
            counts.add(Long.parseLong(master.command("DBSIZE").substring(1)));
        }
        return counts;
    }

    @Override
    public void close() throws IOException {
        for (RedisServer master : masters) {
            master.close();
        }
        RedisServer.deleteTree(folder);
    }

    private static String cli() {
        return Path.of(RedisServer.binary()).resolveSibling("redis-cli").toString();
    }
}
