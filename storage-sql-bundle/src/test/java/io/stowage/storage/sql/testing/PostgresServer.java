package io.stowage.storage.sql.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own: {@code initdb} in a temporary folder, served by {@code pg_ctl} on a free
 * loopback port with trust authentication, stopped and deleted by {@link #close()}. Tests never reach a server they
 * did not start, such as the one on the standard port 5432. As root the cluster belongs to the {@code postgres} user,
 * since the server refuses to run as root. Administration goes through {@code psql}, so this class needs no JDBC
 * driver and runs inside an OSGi framework too.
 */
public final class PostgresServer implements AutoCloseable {

    /** The cluster's superuser, which tests log in as. */
    public static final String USER = "stowage";
    private static final String DATABASE = "postgres";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path folder;
    private final Path bin;
    private final int port;
    private volatile boolean frozen;
    private final Thread stopAtExit = new Thread(this::stopQuietly, "stop test PostgreSQL");

    private PostgresServer(Path folder, Path bin, int port) {
        this.folder = folder;
        this.bin = bin;
        this.port = port;
    }

    /** Creates a cluster in a new temporary folder and starts it. */
    public static PostgresServer start() throws IOException {
        Path folder = Files.createTempDirectory("stowage-pg");
        PostgresServer server = new PostgresServer(folder, binaries(), freePort());
        try {
            if (asRoot()) {
                UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(folder, postgres);
            }
            // No fsync: tests kill processes, not the machine's power
            server.run(List.of(server.bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            server.startServer();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The JDBC URL of the cluster's {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Starts the server again on the same port and data, after {@link #stop()}. */
    public void startServer() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", folder.resolve("server.log")
                .toString(), "-w", "-t", Long.toString(TIMEOUT_SECONDS), "-o", "-p " + port + " -k " + folder
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start"));
    }

    /** A clean shutdown in fast mode: sessions are ended, committed transactions stay. */
    public void stop() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t",
                Long.toString(TIMEOUT_SECONDS), "stop"));
    }

    /** Runs SQL in {@code psql} and returns its unaligned output, one row a line. */
    public String sql(String statement) throws IOException {
        return sql(port, statement);
    }

    /** As {@link #sql(String)}, on the server of this port: for tests that know only the server's URL. */
    public static String sql(int port, String statement) throws IOException {
        return exec(List.of(binaries().resolve("psql").toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", DATABASE, "-c", statement), null)
                .trim();
    }

    /** The port of a URL as {@link #jdbcUrl()} makes it. */
    public static int portOf(String jdbcUrl) {
        String hostAndPort = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2, jdbcUrl.lastIndexOf('/'));
        return Integer.parseInt(hostAndPort.substring(hostAndPort.indexOf(':') + 1));
    }

    /** Ends every session whose application name starts with the prefix, as an administrator would; returns how many. */
    public int terminateSessions(String applicationPrefix) throws IOException {
        return Integer.parseInt(sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name LIKE '" + applicationPrefix.replace("'", "''") + "%'"));
    }

    /**
     * Stops every process of the server with SIGSTOP, the postmaster first so that it forks no new one: the kernel
     * still accepts connections on the port, but nothing answers, as with a server swapping or a network that drops
     * packets. {@link #thaw()} resumes them; {@link #close()} does too.
     */
    public void freeze() throws IOException {
        long postmaster = postmasterPid();
        frozen = true;
        exec(List.of("kill", "-STOP", Long.toString(postmaster)), null);
        signalDescendants(postmaster, "-STOP");
    }

    /** Resumes the processes {@link #freeze()} stopped: the server answers again. */
    public void thaw() throws IOException {
        long postmaster = postmasterPid();
        signalDescendants(postmaster, "-CONT");
        exec(List.of("kill", "-CONT", Long.toString(postmaster)), null);
        frozen = false;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
    }

    private static void signalDescendants(long postmaster, String signal) throws IOException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        ProcessHandle.of(postmaster).ifPresent(process -> process.descendants()
                .forEach(child -> command.add(Long.toString(child.pid()))));
        if (command.size() > 2) {
            exec(command, null);
        }
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() throws IOException {
        if (frozen) {
            thaw();
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down, or never registered
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void stopQuietly() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                stop();
            } catch (IOException e) {
                System.err.println("stopping the test PostgreSQL on port " + port + " failed: " + e);
            }
        }
    }

    private Path data() {
        return folder.resolve("data");
    }

    /** Runs a server command, as the postgres user when this is root. */
    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        exec(full, folder.resolve("server.log"));
    }

    /** Runs a command to its end; a failure's message carries its output and the server's log, if there is one. */
    private static String exec(List<String> command, Path serverLog) throws IOException {
        Path output = Files.createTempFile("stowage-pg-command", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text
                        + read(serverLog));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String read(Path log) {
        try {
            return log != null && Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed version's binaries (Debian keeps them out of PATH), or initdb's folder on PATH. */
    static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresServer::major));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                // Fall through to PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("PostgreSQL's initdb is not installed (apt-get install -y postgresql; "
                + ".ci/run does it on a fresh machine)");
    }

    private static int major(Path versionFolder) {
        try {
            return Integer.parseInt(versionFolder.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A free loopback port away from the standard 5432, where a server of the machine may listen. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException e) {
                // Taken: try another
            }
        }
        throw new IOException("no free loopback port found");
    }
}
