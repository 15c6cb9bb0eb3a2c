package io.stowage.itest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;

/** Reads what bundles logged through the OSGi Log service, newest last. */
final class FrameworkLog {

    private FrameworkLog() {
    }

    static List<String> messages(LogReaderService reader) {
        List<String> messages = new ArrayList<>();
        for (LogEntry entry : Collections.list(reader.getLog())) {
            Throwable cause = entry.getException();
            while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            messages.add(entry.getBundle().getSymbolicName() + ": " + entry.getMessage()
                    + (cause == null ? "" : " (" + cause + ")"));
        }
        Collections.reverse(messages);
        return messages;
    }

    /** Entries of ERROR level or worse. */
    static List<String> errors(LogReaderService reader) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : Collections.list(reader.getLog())) {
            if (entry.getLogLevel().ordinal() <= org.osgi.service.log.LogLevel.ERROR.ordinal()) {
                errors.add(entry.getBundle().getSymbolicName() + ": " + entry.getMessage() + " " + entry.getException());
            }
        }
        return errors;
    }

    static boolean contains(LogReaderService reader, String text) {
        return messages(reader).stream().anyMatch(m -> m.contains(text));
    }
}
