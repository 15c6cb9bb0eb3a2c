package io.stowage.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache Karaf of the test's own: a fresh copy of the unpacked distribution, on free loopback ports, with a
 * login enabled, Maven resolution confined to the build's repositories (no network), and the JVM options lmdbjava
 * needs; driven as an operator would, through command batches as {@code bin/client -b} sends them
 * ({@link KarafBatches}).
 */
final class KarafInstance implements AutoCloseable {

    static final String ADMIN = "karaf";
    /** A user with Karaf's viewer role only (and ssh, to log in). */
    static final String VIEWER = "watcher";

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private Process process;
    private KarafBatches batches;

    private KarafInstance(Path home, int sshPort, int rmiRegistryPort, int rmiServerPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.rmiRegistryPort = rmiRegistryPort;
        this.rmiServerPort = rmiServerPort;
    }

    /**
     * Copies the distribution into {@code folder} and configures it; {@code repositories} are Maven repositories
     * in default layout that Karaf resolves {@code mvn:} URLs from, before the build's local repository.
     */
    static KarafInstance prepare(Path distribution, Path folder, String javaOptions, Path... repositories)
            throws IOException {
        copyTree(distribution, folder);
        KarafInstance karaf = new KarafInstance(folder, freePort(), freePort(), freePort());
        karaf.configure(javaOptions, repositories);
        return karaf;
    }

    /**
     * A Karaf of this build in {@code folder}, not started: the distribution the build unpacked, with this build's
     * features staged as a repository and the JVM options LMDB needs.
     */
    static KarafInstance ofThisBuild(Path folder) throws IOException {
        return prepare(Path.of(System.getProperty("stowage.karaf.home")), folder,
                System.getProperty("stowage.lmdb.jvm.args"), StagedFeatures.stage());
    }

    Path home() {
        return home;
    }

    Path etc() {
        return home.resolve("etc");
    }

    /** Karaf's JMX connector, as its etc/org.apache.karaf.management.cfg makes it. */
    String jmxUrl() {
        return "service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root";
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    private void configure(String javaOptions, Path... repositories) throws IOException {
        // Karaf 4.4 ships its karaf user commented out
        append("etc/users.properties", ADMIN + " = karaf,_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
                VIEWER + " = watcher,viewer,ssh");
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshHost = 0.0.0.0", "sshHost = 127.0.0.1");
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + rmiRegistryPort);
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + rmiServerPort);
        StringBuilder defaults = new StringBuilder("${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots");
        for (int i = 0; i < repositories.length; i++) {
            defaults.append(", ").append(repositories[i].toUri()).append("@id=stowage").append(i).append("@snapshots");
        }
        // Everything resolves from the build: what Karaf's own features need was fetched by the features' verify
        Files.writeString(etc().resolve("org.ops4j.pax.url.mvn.cfg"), String.join(System.lineSeparator(),
                "org.ops4j.pax.url.mvn.localRepository = " + System.getProperty("stowage.local.repository"),
                "org.ops4j.pax.url.mvn.defaultRepositories = " + defaults,
                "org.ops4j.pax.url.mvn.repositories = ",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false", ""), StandardCharsets.UTF_8);
        append("bin/setenv", "export EXTRA_JAVA_OPTS=\"" + javaOptions + "\"");
        // The stowage: commands log a user's mistake at DEBUG only: the test reads it there
        append("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.stowageshell.name = io.stowage.shell.karaf",
                "log4j2.logger.stowageshell.level = DEBUG");
    }

    /**
     * Before {@link #start()}: Pax Web's HTTP on a free loopback port, and the Web Console admitting {@code role}
     * (Karaf's JaasSecurityProvider checks one role; admin unless changed). A feature's configuration leaves a file
     * already in etc/ as it is, so these survive installing the http and webconsole features. Returns the console's URL.
     */
    URI webConsole(String role) throws IOException {
        int port = freePort();
        Files.writeString(etc().resolve("org.ops4j.pax.web.cfg"), String.join(System.lineSeparator(),
                "org.osgi.service.http.enabled = true", "org.osgi.service.http.port = " + port,
                "org.ops4j.pax.web.listening.addresses = 127.0.0.1", "org.osgi.service.http.secure.enabled = false",
                "javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp", ""), StandardCharsets.UTF_8);
        Files.writeString(etc().resolve("org.apache.karaf.webconsole.cfg"), String.join(System.lineSeparator(),
                "realm = karaf", "role = " + role, ""), StandardCharsets.UTF_8);
        return URI.create("http://127.0.0.1:" + port + "/system/console/");
    }

    /** Starts {@code bin/karaf server} and waits until an operator can log in. */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        batches = new KarafBatches(sshPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + process.exitValue() + ": "
                        + Files.readString(home.resolve("console.out")));
            }
            if (client(ADMIN, "echo stowage-ready").output().contains("stowage-ready")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Karaf did not accept a login within 180 s; see " + log());
    }

    /**
     * Runs the script through Karaf's own {@code bin/client -b}, as docs/karaf.md tells operators to, with the
     * script on its standard input; {@link #client} sends the same request without a JVM per batch.
     */
    Result binClient(String user, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
                "-a", Integer.toString(sshPort), "-u", user, "-p", user, "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        client.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        byte[] output = client.getInputStream().readAllBytes();
        if (!client.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("bin/client did not end within " + CLIENT_TIMEOUT + ": " + script);
        }
        return new Result(client.exitValue(), ANSI.matcher(new String(output, StandardCharsets.UTF_8)).replaceAll(""));
    }

    /**
     * Runs the commands, one per line, as {@code user} in one batch as {@code bin/client -b} sends it; the batch stops at
     * the first command that fails. Karaf prints only what commands print here, which the stowage: commands do
     * in Karaf (its own commands too), and the batch's output is what the operator would read.
     */
    Result client(String user, String... commands) throws IOException {
        Result result = batches.run(user, String.join("\n", commands), CLIENT_TIMEOUT);
        return new Result(result.status(), ANSI.matcher(result.output()).replaceAll(""));
    }

    KarafConsole console(String user) throws IOException, InterruptedException {
        return KarafConsole.open(sshPort, user);
    }

    /** Runs the commands as the admin and returns their output; any failure fails the test, naming the output. */
    String admin(String... commands) throws IOException, InterruptedException {
        Result result = client(ADMIN, commands);
        if (result.status() != 0) {
            throw new AssertionError("Karaf commands failed (" + result.status() + "): " + String.join("; ", commands)
                    + System.lineSeparator() + result.output());
        }
        return result.output();
    }

    /** Repeats the admin's commands until their output satisfies the condition, for changes applied in the background. */
    String awaitAdmin(Predicate<String> condition, String... commands) throws IOException, InterruptedException {
        return await(result -> result.status() == 0 && condition.test(result.output()), commands).output();
    }

    /** Repeats the admin's commands until the condition holds of their result. */
    Result await(Predicate<Result> condition, String... commands) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Result result;
        do {
            result = client(ADMIN, commands);
            if (condition.test(result)) {
                return result;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not as expected within 30 s: " + String.join("; ", commands)
                + System.lineSeparator() + result.output());
    }

    /** Waits until the lines Karaf's log gained since {@code from} lines satisfy the condition, and returns them. */
    List<String> awaitLog(int from, Predicate<List<String>> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = logSince(from);
        while (!condition.test(lines)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Karaf's log did not show what was expected within 30 s:"
                        + System.lineSeparator() + String.join(System.lineSeparator(), lines));
            }
            Thread.sleep(200);
            lines = logSince(from);
        }
        return lines;
    }

    /** The lines Karaf's log gained since {@code from} lines. */
    List<String> logSince(int from) throws IOException {
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        return new ArrayList<>(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    int logLength() throws IOException {
        return Files.readAllLines(log(), StandardCharsets.UTF_8).size();
    }

    @Override
    public void close() throws IOException {
        if (process == null) {
            return;
        }
        try {
            client(ADMIN, "system:shutdown -f");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } catch (RuntimeException | IOException e) {
            kill();
            throw e;
        } finally {
            batches.close();
        }
    }

    /** Kills Karaf's JVM too: bin/karaf is a script that runs it as a child, which outlives the script's end. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    record Result(int status, String output) {
    }

    private void append(String file, String... lines) throws IOException {
        Path path = home.resolve(file);
        Files.writeString(path, Files.readString(path) + System.lineSeparator() + String.join(System.lineSeparator(), lines)
                + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    private void replace(String file, String line, String replacement) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(line)) {
            throw new IllegalStateException(file + " has no line '" + line + "': another Karaf version?");
        }
        Files.writeString(path, text.replace(line, replacement), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        for (String script : new String[] {"karaf", "client", "setenv", "inc", "start", "stop", "status", "shell"}) {
            Path file = to.resolve("bin").resolve(script);
            if (Files.exists(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                Files.setPosixFilePermissions(file, permissions);
            }
        }
    }
}
