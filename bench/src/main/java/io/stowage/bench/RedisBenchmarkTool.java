package io.stowage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stowage.storage.redis.testing.RedisServer;

/**
 * Redis's own {@code redis-benchmark}, the ceiling for batch gets: two connections pipelining 16 GETs of one key with
 * a 100-byte value (the SET run first writes it), on a redis-server of its own. The median of three runs.
 */
final class RedisBenchmarkTool {

    static final String COMMAND = "redis-benchmark -c 2 -P 16 -t set,get -d 100 -n 2000000 -q";
    private static final Pattern GETS = Pattern.compile("GET: ([0-9.]+) requests per second");

    private RedisBenchmarkTool() {
    }

    static double getsPerSecond() throws IOException, InterruptedException {
        // Closing the server deletes its folder
        try (RedisServer server = RedisServer.start(TrialFolder.create("redis-benchmark"))) {
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                runs.add(run(server));
            }
            Collections.sort(runs);
            return runs.get(1);
        }
    }

    private static double run(RedisServer server) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(binary()).toString(), "-h", server.host(), "-p",
                Integer.toString(server.port())));
        command.addAll(List.of(COMMAND.substring("redis-benchmark ".length()).split(" ")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("redis-benchmark failed: " + output);
        }
        // -q prints progress with carriage returns, then one final line per test
        Matcher last = null;
        for (String line : output.split("[\r\n]")) {
            Matcher matcher = GETS.matcher(line);
            if (matcher.find()) {
                last = matcher;
            }
        }
        if (last == null) {
            throw new IOException("no GET result in redis-benchmark's output: " + output);
        }
        return Double.parseDouble(last.group(1));
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-benchmark");
            if (candidate.toFile().canExecute()) {
                return candidate.toString();
            }
        }
        return "/usr/bin/redis-benchmark";
    }
}
