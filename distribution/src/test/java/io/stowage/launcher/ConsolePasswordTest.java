package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web console password: made once, owner-only, and hashed in the form Felix Web Console 5 checks. */
class ConsolePasswordTest {

    @TempDir
    Path etc;

    @Test
    void theFirstCallMakesAnOwnerOnlyRandomPasswordAndLaterCallsReadIt() throws Exception {
        ConsolePassword made = ConsolePassword.readOrCreate(etc);
        ConsolePassword read = ConsolePassword.readOrCreate(etc);

        assertTrue(made.madeNow());
        assertFalse(read.madeNow());
        assertEquals(made.password(), read.password());
        assertEquals(24, made.password().length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made.file())));
        assertNotEquals(made.password(), ConsolePassword.readOrCreate(Files.createDirectory(etc.resolve("other")))
                .password());
    }

    @Test
    void anEmptyPasswordFileIsRefusedWithWhatToDo() throws Exception {
        Files.writeString(etc.resolve(ConsolePassword.FILE_NAME), "\n");

        StartupFailure failure = assertThrows(StartupFailure.class, () -> ConsolePassword.readOrCreate(etc));

        assertEquals(etc.resolve(ConsolePassword.FILE_NAME) + " is empty; delete it and a new web console password"
                + " is made", failure.getMessage());
    }

    /** Checked by the Web Console's own (internal) Password class, from the jar the distribution ships. */
    @Test
    void theHashIsOneFelixWebConsoleAcceptsForThePasswordAndNoOther() throws Exception {
        ConsolePassword password = ConsolePassword.readOrCreate(etc);
        Class<?> type = Class.forName("org.apache.felix.webconsole.internal.servlet.Password");
        Constructor<?> constructor = type.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Method matches = type.getDeclaredMethod("matches", byte[].class);
        matches.setAccessible(true);
        Object hashed = constructor.newInstance(password.hashed());

        assertTrue(password.hashed().startsWith("{sha-256}"));
        assertEquals(true, matches.invoke(hashed, password.password().getBytes(StandardCharsets.UTF_8)));
        assertEquals(false, matches.invoke(hashed, "admin".getBytes(StandardCharsets.UTF_8)));
    }
}
