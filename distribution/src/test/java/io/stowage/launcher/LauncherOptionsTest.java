package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherOptionsTest {

    @TempDir
    Path home;

    @Test
    void withoutArgumentsTheShellOpensOnTheDataFolderInsideHome() {
        LauncherOptions options = parse();

        assertEquals(home, options.home());
        assertEquals(home.resolve("data"), options.dataDir());
        assertTrue(options.interactive());
        assertFalse(options.help());
    }

    @Test
    void dataFolderIsMadeAbsolute() {
        LauncherOptions options = parse("--data", "some/dir");

        assertEquals(Path.of("some/dir").toAbsolutePath().normalize(), options.dataDir());
    }

    @Test
    void scriptsAndCommandsKeepTheirCommandLineOrder() throws IOException {
        Path script = Files.writeString(home.resolve("setup.gosh"), "lb\n");

        LauncherOptions options = parse("-c", "first", "--script", script.toString(), "--script", "-", "-c", "last");

        assertEquals(List.of(
                ScriptSource.command("first"),
                new ScriptSource(ScriptSource.Kind.FILE, script.toString()),
                new ScriptSource(ScriptSource.Kind.STANDARD_INPUT, "-"),
                ScriptSource.command("last")), options.scripts());
        assertFalse(options.interactive());
    }

    @Test
    void helpIsRecognizedInBothSpellings() {
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> parse("--data"));

        assertEquals("--data needs a value", refusal.getMessage());
    }

    @Test
    void anUnknownArgumentIsRefused() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> parse("--verbose"));

        assertEquals("unknown argument '--verbose'", refusal.getMessage());
    }

    @Test
    void aMissingScriptFileIsRefusedBeforeAnythingStarts() {
        String missing = home.resolve("missing.gosh").toString();

        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, () -> parse("--script", missing));

        assertEquals("cannot read script file " + missing, refusal.getMessage());
    }

    @Test
    void withoutStowageHomeTheLauncherRefusesToGuess() {
        assertThrows(IllegalArgumentException.class, () -> LauncherOptions.parse(new String[0], null));
    }

    private LauncherOptions parse(String... args) {
        return LauncherOptions.parse(args, home.toString());
    }
}
