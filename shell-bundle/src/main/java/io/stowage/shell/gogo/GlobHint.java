package io.stowage.shell.gogo;

import java.io.IOException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

import io.stowage.shell.command.CommandCatalog;

/**
 * Gogo expands an unquoted {@code *} against file names before any command runs, and fails with "no matches found"
 * when no file matches, so {@code stowage:keys app/users user:*} never reaches the command. No command can catch that,
 * so this listener adds the way out to Gogo's error: quote the glob.
 */
@Component
public final class GlobHint implements CommandSessionListener {

    static final String HINT = "stowage: quote globs, e.g. 'user:*': Gogo expands a bare * against file names";

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // nothing to add before a command
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception failure) {
        if (isUnmatchedGlob(command, failure) && session.getConsole() != null) {
            session.getConsole().println(HINT);
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing to add to a result
    }

    static boolean isUnmatchedGlob(CharSequence command, Exception failure) {
        return failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("no matches found")
                && command.toString().contains(CommandCatalog.SCOPE + ":");
    }
}
