package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code bin/stowage} as a user would, and checks what scripts see: its output and exit status. Uses
 * only Gogo's own commands, so it passes with or without the Stowage bundles.
 */
class StowageLauncherIT {

    private static final Path DIST = Path.of(System.getProperty("stowage.dist", "target/stowage")).toAbsolutePath();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path temp;

    @Test
    void commandsRunInOrderAndTheirOutputIsPrinted() throws Exception {
        // plain lb lists bundle names; -s lists symbolic names
        Run run = stowage("-c", "lb", "-c", "lb -s");

        assertEquals(0, run.status(), run.toString());
        String stdout = run.stdout();
        int plainList = stdout.indexOf("g! lb\n");
        assertTrue(plainList >= 0 && plainList < stdout.indexOf("g! lb -s\n"), run.toString());
        assertTrue(stdout.contains("Apache Felix Declarative Services"), run.toString());
        assertTrue(stdout.contains("org.apache.felix.scr"), run.toString());
    }

    @Test
    void everyShippedExtensionResolvesAndTheRedisConfigurationWaitsUnused() throws Exception {
        Run run = stowage("-c", "stowage:extensions", "-c", "stowage:backends");

        assertEquals(0, run.status(), run.toString());
        for (String type : List.of("memory", "lmdb", "redis", "sql")) {
            assertTrue(run.stdout().contains(type + " "), type + " missing: " + run);
        }
        assertTrue(run.stdout().matches("(?s).*shared +redis .*unused.*"), run.toString());
    }

    /**
     * Every bundle of bundle/ resolves (the launcher would fail the run if one did not start), and the typed-data
     * bundle and the Jackson bundles its JSON codec runs on are active.
     */
    @Test
    void theTypedDataBundleAndJacksonResolveAndStart() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Run run = stowage("-c", "lb -s");

        assertEquals(0, run.status(), run.toString());
        assertFalse(run.stdout().contains("|Installed"), "a bundle did not resolve: " + run);
        for (String name : List.of("io.stowage.typed", "com.fasterxml.jackson.core.jackson-annotations",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind")) {
            assertTrue(run.stdout().lines().anyMatch(line -> line.contains("|Active") && line.contains("|" + name + " ")),
                    name + " is not active: " + run);
        }
    }

    /**
     * The value transforms and the compression libraries they run on start as bundles of their own: lz4-java
     * (no Bundle-NativeCode: it extracts its JNI library itself) and zstd-jni (its Bundle-NativeCode).
     */
    @Test
    void theValueTransformsAndTheirLibrariesStart() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Run run = stowage("-c", "lb -s");

        assertEquals(0, run.status(), run.toString());
        for (String name : List.of("io.stowage.transform.lz4", "lz4-java", "io.stowage.transform.zstd",
                "com.github.luben.zstd-jni", "io.stowage.transform.aes.gcm", "io.stowage.index.json")) {
            assertTrue(run.stdout().lines().anyMatch(line -> line.contains("|Active") && line.contains("|" + name + " ")),
                    name + " is not active: " + run);
        }
    }

    @Test
    void anUnknownCommandFailsTheRunWithStatus1() throws Exception {
        Run run = stowage("-c", "nosuchcommand");

        assertEquals(1, run.status(), run.toString());
        assertTrue(run.stderr().contains("stowage: line 1 of -c 'nosuchcommand': Command not found: nosuchcommand"),
                run.toString());
    }

    @Test
    void aScriptStopsAtItsFirstFailingLine() throws Exception {
        Path script = Files.writeString(temp.resolve("three-lines.gosh"), """
                # two good lines, then a bad one
                echo first-line-ran
                echo second-line-ran
                nosuchcommand
                echo never-printed
                """);

        Run run = stowage("--script", script.toString());

        assertEquals(1, run.status(), run.toString());
        assertTrue(run.stdout().contains("first-line-ran"), run.toString());
        assertTrue(run.stdout().contains("second-line-ran"), run.toString());
        assertFalse(run.stdout().contains("never-printed"), run.toString());
        assertTrue(run.stderr().contains("line 4 of " + script), run.toString());
    }

    /**
     * Standard input that is no terminal (a pipe, a file) reaches the console line by line, and the console says
     * nothing about it on stderr: a piped shutdown ends the run with status 0.
     */
    @Test
    void linesPipedIntoTheConsoleRunAndAPipedShutdownEndsTheRun() throws Exception {
        Path input = Files.writeString(temp.resolve("console-input.txt"), "echo piped-line-ran\nshutdown\n");

        Run run = stowageReading(input);

        assertEquals(0, run.status(), run.toString());
        assertTrue(run.stdout().contains("piped-line-ran"), run.toString());
        assertEquals("", run.stderr(), run.toString());
    }

    /** The end of piped input is the console's Ctrl-D: the runtime stops with status 0. */
    @Test
    void theConsoleStopsTheRuntimeWhereItsInputEnds() throws Exception {
        Run run = stowage();

        assertEquals(0, run.status(), run.toString());
        assertEquals("", run.stderr(), run.toString());
    }

    /** The route a migration saves is a file in etc/, as FileInstall writes it: it survives restarts until deleted. */
    @Test
    void aMigratedStoreKeepsItsRouteAcrossARestartUntilItsFileIsDeleted() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Path data = Files.createTempDirectory(temp, "data");
        Path routeFile = DIST.resolve("etc/io.stowage.store-migrated.demo.app.moved.cfg");
        try {
            Run first = stowage("--data", data.toString(), "-c", "stowage:put demo.app/moved k v",
                    "-c", "stowage:migrate demo.app/moved volatile");
            assertEquals(0, first.status(), first.toString());
            assertTrue(Files.readString(routeFile).contains("backend = \"volatile\"")
                    || Files.readString(routeFile).contains("backend=volatile")
                    || Files.readString(routeFile).contains("volatile"), Files.readString(routeFile));

            Run second = stowage("--data", data.toString(), "-c", "stowage:routes");
            assertEquals(0, second.status(), second.toString());
            assertTrue(second.stdout().contains("demo.app/moved -> volatile"), second.toString());

            Files.delete(routeFile);
            Run third = stowage("--data", data.toString(), "-c", "stowage:routes");
            assertEquals(0, third.status(), third.toString());
            assertFalse(third.stdout().contains("demo.app/moved"), third.toString());
        } finally {
            Files.deleteIfExists(routeFile);
        }
    }

    /** FileInstall used to write each file back at start, truncating it first: short runs left etc/ files empty. */
    @Test
    void shortRunsLeaveTheFilesOfEtcAsTheyWere() throws Exception {
        // The first start of a fresh build makes etc/webconsole.password, on purpose; after it etc/ must stay as it is
        assertEquals(0, stowage("-c", "lb").status());
        Map<Path, String> before = filesOf(DIST.resolve("etc"));

        for (int run = 0; run < 5; run++) {
            Run quick = stowage("-c", "lb");
            assertEquals(0, quick.status(), quick.toString());
        }

        assertEquals(before, filesOf(DIST.resolve("etc")));
    }

    private static Map<Path, String> filesOf(Path folder) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file), Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void theDefaultStoreKeepsItsDataAcrossARestart() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Path data = Files.createTempDirectory(temp, "data");

        Run first = stowage("--data", data.toString(), "-c", "stowage:put demo.app/kept k durable-value");
        assertEquals(0, first.status(), first.toString());
        Run second = stowage("--data", data.toString(), "-c", "stowage:get demo.app/kept k");

        assertEquals(0, second.status(), second.toString());
        assertTrue(second.stdout().contains("durable-value"), second.toString());
        assertTrue(Files.exists(data.resolve("lmdb/default/data.mdb")), "the default store lives in LMDB under data/");
    }

    private static boolean hasStowageBundles() throws IOException {
        try (var bundles = Files.list(DIST.resolve("bundle"))) {
            return bundles.anyMatch(jar -> jar.getFileName().toString().startsWith("storage-lmdb-bundle"));
        }
    }

    @Test
    void aSecondRuntimeOnTheSameDataFolderIsRefused() throws Exception {
        Path data = temp.resolve("shared-data");
        Path firstOut = temp.resolve("first.out");
        Process first = command("--data", data.toString())
                .redirectOutput(firstOut.toFile())
                .redirectError(temp.resolve("first.err").toFile())
                .start(); // stdin stays an open pipe: the shell waits at its prompt
        try {
            awaitPrompt(first, firstOut, data);

            Instant secondStarted = Instant.now();
            Run second = stowage("--data", data.toString(), "-c", "lb");

            assertEquals(2, second.status(), second.toString());
            assertTrue(Duration.between(secondStarted, Instant.now()).toSeconds() < 10, "the refusal took too long");
            assertTrue(second.stderr().contains("stowage: data folder " + data + " is in use by another Stowage runtime"
                    + " (pid " + first.pid() + "); stop it or start with --data <another folder>"), second.toString());

            try (OutputStream shell = first.getOutputStream()) {
                shell.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(first.waitFor(20, TimeUnit.SECONDS), "the first runtime did not stop after 'stop 0'");
            assertEquals(0, first.exitValue());
        } finally {
            first.destroyForcibly();
        }
    }

    /**
     * A storage extension dropped into deploy/ is installed live, serves a configuration made in etc/ and a store
     * migrated to it, and is uninstalled live when its file is deleted.
     */
    @Test
    void anExtensionDroppedIntoDeployIsInstalledAndRemovedLive() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Path data = temp.resolve("deploy-data");
        Path out = temp.resolve("deploy.out");
        Path jar = DIST.resolve("deploy/example-extension.jar");
        Path configuration = DIST.resolve("etc/io.stowage.example-demo.cfg");
        Path route = DIST.resolve("etc/io.stowage.store-migrated.demo.app.dropped.cfg");
        Process runtime = command("--data", data.toString()).redirectOutput(out.toFile())
                .redirectError(temp.resolve("deploy.err").toFile()).start();
        try (OutputStream shell = runtime.getOutputStream()) {
            awaitPrompt(runtime, out, data);
            Files.copy(Path.of(System.getProperty("stowage.example.extension")), jar);
            Files.writeString(configuration, "name = demo\n");
            awaitOutput(shell, out, "stowage:backends", "demo         example");

            type(shell, "stowage:put demo.app/dropped k dropped-value");
            type(shell, "stowage:migrate demo.app/dropped demo");
            awaitOutput(shell, out, "stowage:instances", "example 1.0.0.SNAPSHOT");
            awaitOutput(shell, out, "stowage:get demo.app/dropped k", "dropped-value");

            Files.delete(jar);
            awaitOutput(shell, out, "stowage:backends", "demo         example  0.0.0            waiting");
            type(shell, "stop 0");
            assertTrue(runtime.waitFor(20, TimeUnit.SECONDS), "the runtime did not stop");
        } finally {
            runtime.destroyForcibly();
            Files.deleteIfExists(jar);
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(route);
        }
    }

    /**
     * The example files in etc/examples/ are not applied where they are; copied into etc/ of the running runtime, a
     * backend configuration and a store route to it take effect at once (LMDB and memory here: the Redis example would
     * connect to localhost:6379).
     */
    @Test
    void anExampleRouteCopiedIntoEtcRoutesAStoreLive() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        Path examples = DIST.resolve("etc/examples");
        List<String> copied = List.of("io.stowage.lmdb-archive.cfg", "io.stowage.store-archive.cfg",
                "io.stowage.memory-cache.cfg", "io.stowage.store-cache.cfg");
        try (var listing = Files.list(examples)) {
            for (Path example : listing.toList()) {
                assertFalse(Files.exists(DIST.resolve("etc").resolve(example.getFileName())),
                        "an example shadows a configuration of etc/: " + example.getFileName());
            }
        }
        Path data = temp.resolve("examples-data");
        Path out = temp.resolve("examples.out");
        Process runtime = command("--data", data.toString()).redirectOutput(out.toFile())
                .redirectError(temp.resolve("examples.err").toFile()).start();
        try (OutputStream shell = runtime.getOutputStream()) {
            awaitPrompt(runtime, out, data);
            type(shell, "stowage:put demo.app/archive k before-the-route");
            awaitOutput(shell, out, "stowage:routes", "default -> default");
            String before = Files.readString(out);
            assertFalse(before.contains("archive ->") || before.contains("cache ->"),
                    "the examples were applied in place: " + before);

            for (String file : copied) {
                Files.copy(examples.resolve(file), DIST.resolve("etc").resolve(file));
            }
            awaitOutput(shell, out, "stowage:routes", "*/cache -> cache");
            awaitOutput(shell, out, "stowage:routes", "*/archive -> archive");
            type(shell, "stowage:put demo.app/archive k routed");
            type(shell, "stowage:put demo.app/cache k cached");
            awaitOutput(shell, out, "stowage:get demo.app/archive k", "routed");
            awaitOutput(shell, out, "stowage:get demo.app/cache k", "cached");
            awaitOutput(shell, out, "stowage:backends", "archive      lmdb     0.0.0            serving");
            awaitOutput(shell, out, "stowage:backends", "cache        memory   0.0.0            serving");
            assertTrue(Files.exists(data.resolve("lmdb/archive/data.mdb")), "the example LMDB folder is lmdb/<name>");

            // Deleting the route sends the store back to the default backend, where its earlier value stayed
            Files.delete(DIST.resolve("etc/io.stowage.store-archive.cfg"));
            awaitOutput(shell, out, "stowage:get demo.app/archive k", "before-the-route");
            type(shell, "stop 0");
            assertTrue(runtime.waitFor(20, TimeUnit.SECONDS), "the runtime did not stop");
        } finally {
            runtime.destroyForcibly();
            for (String file : copied) {
                Files.deleteIfExists(DIST.resolve("etc").resolve(file));
            }
        }
    }

    private static void type(OutputStream shell, String command) throws IOException {
        shell.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    /**
     * Types the command every second until the output holds the text (after the command was first typed); runs of
     * spaces count as one, since tables size their columns to their widest cell.
     */
    private static void awaitOutput(OutputStream shell, Path stdout, String command, String expected)
            throws IOException, InterruptedException {
        int from = Files.readString(stdout).length();
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        String wanted = expected.replaceAll(" +", " ");
        while (!Files.readString(stdout).substring(from).replaceAll(" +", " ").contains(wanted)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("'" + command + "' never printed '" + expected + "'; output: "
                        + Files.readString(stdout).substring(from));
            }
            type(shell, command);
            Thread.sleep(1_000);
        }
    }

    private void awaitPrompt(Process process, Path stdout, Path data) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        while (!(Files.exists(data.resolve(DataFolderLock.LOCK_FILE)) && Files.readString(stdout).contains("g! "))) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("no prompt from the first runtime; its output: " + Files.readString(stdout));
            }
            Thread.sleep(100);
        }
    }

    private record Run(int status, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs to completion on a fresh data folder unless {@code args} name one; stdin is empty. */
    private Run stowage(String... args) throws IOException, InterruptedException {
        return stowageReading(Path.of("/dev/null"), args);
    }

    /** Runs to completion on a fresh data folder unless {@code args} name one, with stdin read from {@code input}. */
    private Run stowageReading(Path input, String... args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(temp, "stowage", ".out");
        Path stderr = Files.createTempFile(temp, "stowage", ".err");
        Process process = command(args)
                .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/stowage did not finish within " + RUN_TIMEOUT + "; its output: "
                    + Files.readString(stdout));
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private ProcessBuilder command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/stowage").toString());
        if (!List.of(args).contains("--data")) {
            command.add("--data");
            command.add(Files.createTempDirectory(temp, "data").toString());
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
