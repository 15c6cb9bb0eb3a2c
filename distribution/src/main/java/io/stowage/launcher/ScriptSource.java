package io.stowage.launcher;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One piece of script named on the command line: a file ({@code --script FILE}), standard input
 * ({@code --script -}) or a command ({@code -c COMMAND}).
 */
record ScriptSource(Kind kind, String argument) {

    enum Kind { FILE, STANDARD_INPUT, COMMAND }

    static ScriptSource script(String argument) {
        return "-".equals(argument) ? new ScriptSource(Kind.STANDARD_INPUT, argument) : new ScriptSource(Kind.FILE, argument);
    }

    static ScriptSource command(String command) {
        return new ScriptSource(Kind.COMMAND, command);
    }

    /** How error messages name this source: "line 3 of {@code description}". */
    String description() {
        return switch (kind) {
            case FILE -> argument;
            case STANDARD_INPUT -> "standard input";
            case COMMAND -> "-c '" + argument + "'";
        };
    }

    /**
     * Reads lines as they are needed, so a script piped into {@code --script -} runs while it is being written.
     * Closing the reader leaves standard input open.
     */
    BufferedReader open(InputStream standardInput) throws IOException {
        return switch (kind) {
            case FILE -> Files.newBufferedReader(Path.of(argument), StandardCharsets.UTF_8);
            case STANDARD_INPUT -> new BufferedReader(new InputStreamReader(unclosable(standardInput), StandardCharsets.UTF_8));
            case COMMAND -> new BufferedReader(new StringReader(argument));
        };
    }

    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // standard input belongs to the process, not to one script
            }
        };
    }
}
