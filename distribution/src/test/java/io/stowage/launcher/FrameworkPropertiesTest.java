package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {

    @TempDir
    Path home;

    @BeforeEach
    void writeConfig() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/config.properties"), """
                # comments are fine
                gosh.home = ${stowage.home}
                example.backup = ${stowage.data}/backup
                org.osgi.framework.storage = /somewhere/else
                """);
    }

    @Test
    void fillsInTheHomeAndDataFolders() throws StartupFailure {
        Map<String, String> properties = properties("--data", home.resolve("d").toString());

        assertEquals(home.toString(), properties.get("gosh.home"));
        assertEquals(home.resolve("d") + "/backup", properties.get("example.backup"));
        assertEquals(home.resolve("d").toString(), properties.get("stowage.data"));
    }

    @Test
    void theLauncherDecidesWhereTheFrameworkCacheLives() throws StartupFailure {
        Map<String, String> properties = properties();

        assertEquals(home.resolve("data/cache").toString(), properties.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", properties.get("org.osgi.framework.storage.clean"));
        assertEquals(home.resolve("etc").toString(), properties.get("felix.fileinstall.dir"));
    }

    @Test
    void fileInstallReadsEtcButNeverWritesItNorItsSubfolders() throws StartupFailure {
        Map<String, String> properties = properties();

        assertEquals("false", properties.get("felix.fileinstall.enableConfigSave"));
        assertEquals("skip", properties.get("felix.fileinstall.subdir.mode"));
    }

    @Test
    void onlyScriptsKeepTheShellOffTheConsole() throws StartupFailure {
        assertFalse(properties().containsKey("gosh.args"));
        assertEquals(FrameworkProperties.SCRIPT_MODE_GOSH_ARGS, properties("-c", "lb").get("gosh.args"));
    }

    private Map<String, String> properties(String... args) throws StartupFailure {
        return FrameworkProperties.of(LauncherOptions.parse(args, home.toString()));
    }
}
