package io.stowage.storage.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of a test's own, on a free loopback port chosen so that its cluster bus port
 * (port + 10000) is free too, with its files in a folder of the test's. Tests never reach a server they did not
 * start, such as one on the standard port.
 */
public final class RedisServer implements AutoCloseable {

    private static final String BINARY = "redis-server";

    private final Path folder;
    private final int port;
    private final List<String> options;
    private Process process;

    private RedisServer(Path folder, int port, List<String> options) {
        this.folder = folder;
        this.port = port;
        this.options = options;
    }

    /**
     * Starts a server that keeps nothing on disk unless {@code options} say otherwise (for example
     * {@code "--appendonly", "yes", "--appendfsync", "always"}).
     */
    public static RedisServer start(Path folder, String... options) throws IOException {
        Files.createDirectories(folder);
        RedisServer server = new RedisServer(folder, freePortPair(), List.of(options));
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public Path folder() {
        return folder;
    }

    /** Starts the process again on the same port and folder, after {@link #kill()} or {@link #stop()}. */
    public void restart() throws IOException {
        launch();
    }

    private void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        boolean tls = options.contains("--tls-port");
        List<String> command = new ArrayList<>(List.of(binary(), "--bind", "127.0.0.1",
                "--port", tls ? "0" : Integer.toString(port), "--dir", folder.toString(),
                "--logfile", folder.resolve("redis.log").toString(), "--save", "", "--daemonize", "no",
                "--protected-mode", "no"));
        command.addAll(options.stream().map(o -> o.equals("{port}") ? Integer.toString(port) : o).toList());
        if (!options.contains("--appendonly")) {
            command.addAll(List.of("--appendonly", "no"));
        }
        Files.deleteIfExists(folder.resolve("redis.log"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("redis.out").toFile()).start();
        awaitReady();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Path log = folder.resolve("redis.log");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited with " + process.exitValue() + ": "
                        + read(folder.resolve("redis.out")) + read(log));
            }
            if (read(log).contains("Ready to accept connections")) {
                return;
            }
            sleep(20);
        }
        throw new IOException("redis-server on port " + port + " was not ready within 20 s: " + read(log));
    }

    /** SIGKILL: the process dies at once, as in a crash; nothing is flushed that was not already. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Redis shuts down cleanly. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one command as RESP and returns the raw reply text, for setting up and inspecting the server. */
    public String command(String... args) throws IOException {
        return command(host(), port, args);
    }

    public static String command(String host, int port, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        }
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        switch (line.charAt(0)) {
            case '$': {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line.substring(1));
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    all.append(readReply(in)).append('\n');
                }
                return all.toString();
            }
            default:
                return line;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed before a reply");
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() throws IOException {
        stop();
        deleteTree(folder);
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            Path candidate = Path.of(dir, BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server is not installed (apt-get install -y redis-server; .ci/run "
                + "does it on a fresh machine)");
    }

    /** A port whose cluster bus port (+10000) is free too; both below 65536 and away from the standard 6379. */
    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            if (isFree(port) && isFree(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free loopback port pair found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
