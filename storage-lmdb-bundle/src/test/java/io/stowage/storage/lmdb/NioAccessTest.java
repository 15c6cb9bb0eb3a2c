package io.stowage.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioAccessTest {

    @TempDir
    Path folder;

    @Test
    void aJvmWithoutLmdbjavasOptionsGetsANamedCureAndNoFiles() throws Exception {
        Path data = folder.resolve("data");
        Process probe = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Djava.io.tmpdir=" + folder, "-cp", System.getProperty("java.class.path"),
                ClosedNioProbe.class.getName(), data.toString())).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));

        assertEquals("LMDB backend 'probe': lmdbjava needs the JVM options " + NioAccess.JVM_OPTIONS
                + " (bin/stowage passes them; in Karaf set EXTRA_JAVA_OPTS, in bin/setenv for one)", output);
        assertTrue(!Files.exists(data.resolve("data.mdb")), "nothing was created");
    }

    @Test
    void thisJvmHasThem() {
        NioAccess.require("test");
    }
}
