package io.stowage.shell.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import io.stowage.api.StorageException;

/**
 * Tells the failures a user can act on from the unexpected ones. Stowage's own exceptions and the argument and state
 * checks of the operator API carry messages written for the operator, so those are shown alone; anything else is a
 * fault, shown with its class and left in the log with its stack trace.
 */
public final class Failures {

    private Failures() {
    }

    /** The failure to show for {@code error}, if it is one the user can act on. */
    public static Optional<CommandFailure> expected(Throwable error) {
        if (error instanceof CommandFailure failure) {
            return Optional.of(failure);
        }
        if (error instanceof StorageException || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException) {
            return Optional.of(new CommandFailure(message(error)));
        }
        if (error instanceof IOException io) {
            return Optional.of(new CommandFailure(fileProblem(io)));
        }
        if (error instanceof InterruptedException) {
            return Optional.of(new CommandFailure("interrupted"));
        }
        return Optional.empty();
    }

    /** What an unexpected failure shows: its class and message, and where its stack trace is. */
    public static CommandFailure unexpected(Throwable error, String whereLogged) {
        return new CommandFailure("unexpected " + error + " (" + whereLogged + ")", error);
    }

    private static String fileProblem(IOException error) {
        if (error instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (error instanceof FileAlreadyExistsException exists) {
            return "already exists: " + exists.getFile();
        }
        if (error instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return message(error);
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
