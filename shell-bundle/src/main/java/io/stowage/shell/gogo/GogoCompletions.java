package io.stowage.shell.gogo;

import java.util.ArrayList;
import java.util.List;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CommandSpec;
import io.stowage.shell.command.OptionSpec;

/**
 * The Gogo JLine {@code complete} lines for every stowage command: its description, its options, and a script that
 * asks {@code stowage:completions} for the candidates of the word under the cursor.
 */
final class GogoCompletions {

    private static final String CANDIDATES = "stowage:completions ($.commandLine words) ($.commandLine wordIndex)";

    private GogoCompletions() {
    }

    static List<String> script() {
        List<String> lines = new ArrayList<>();
        for (CommandSpec spec : CommandCatalog.all()) {
            String command = "complete -c " + spec.qualifiedName();
            lines.add(command + " -e");
            lines.add(command + " -d " + quoted(spec.description()));
            for (OptionSpec option : spec.options()) {
                lines.add(command + " -s " + option.shortName() + " -l " + option.longName() + " -d "
                        + quoted(option.description()));
            }
            if (!spec.arguments().isEmpty()) {
                lines.add(command + " -a '" + CANDIDATES + "'");
            }
        }
        return lines;
    }

    /**
     * Double-quoted for Gogo, whose tokenizer also ends a double-quoted string at an unescaped apostrophe: quotes and
     * the dollar sign are escaped. (Gogo drops a backslash even when escaped, so the catalog's texts have none.)
     */
    static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"").replace("'", "\\'").replace("$", "\\$") + "\"";
    }
}
