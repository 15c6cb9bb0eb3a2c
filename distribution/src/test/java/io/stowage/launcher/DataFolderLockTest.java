package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder has one owner at a time, across processes; a refused runtime leaves the folder as it was. */
@SuppressWarnings("try") // locks are held for the duration of a block, not used in it
class DataFolderLockTest {

    private static final String OWN_PID = Long.toString(ProcessHandle.current().pid());

    @TempDir
    Path temp;

    private Path data() {
        return temp.resolve("data");
    }

    @Test
    void createsTheFolderAndRecordsTheOwnersPid() throws Exception {
        Path data = temp.resolve("not/yet/there");

        try (DataFolderLock lock = DataFolderLock.acquire(data)) {
            assertEquals(OWN_PID, Files.readString(data.resolve(DataFolderLock.LOCK_FILE)));
        }
    }

    @Test
    void anotherProcessIsRefusedWhileTheLockIsHeld() throws Exception {
        try (DataFolderLock lock = DataFolderLock.acquire(data())) {
            ProbeResult probe = probe(data());

            assertEquals(2, probe.status());
            assertEquals("data folder " + data().toAbsolutePath() + " is in use by another Stowage runtime (pid " + OWN_PID
                    + "); stop it or start with --data <another folder>", probe.stderr().strip());
            assertEquals(OWN_PID, Files.readString(data().resolve(DataFolderLock.LOCK_FILE)));
        }
    }

    @Test
    void anotherProcessMayLockTheFolderOnceItIsReleased() throws Exception {
        DataFolderLock.acquire(data()).close();

        assertEquals(0, probe(data()).status());
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedAndLeavesTheFirstInPlace() throws Exception {
        try (DataFolderLock lock = DataFolderLock.acquire(data())) {
            StartupFailure refusal = assertThrows(StartupFailure.class, () -> DataFolderLock.acquire(data()));

            assertTrue(refusal.getMessage().contains("is in use by another Stowage runtime (pid " + OWN_PID + ")"),
                    refusal.getMessage());
            // Closing the refused channel must not have dropped this process's lock (POSIX locks are per process)
            assertEquals(2, probe(data()).status());
        }
    }

    private record ProbeResult(int status, String stderr) {
    }

    private ProbeResult probe(Path dataDir) throws IOException, InterruptedException, URISyntaxException {
        Path stderr = temp.resolve("probe.err");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(DataFolderLock.class) + File.pathSeparator + classPath(LockProbe.class),
                LockProbe.class.getName(), dataDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the lock probe did not finish within 30 s");
        }
        return new ProbeResult(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static String classPath(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
