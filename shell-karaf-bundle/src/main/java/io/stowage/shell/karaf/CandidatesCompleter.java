package io.stowage.shell.karaf;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.stowage.admin.StowageAdmin;
import io.stowage.shell.command.Candidates;
import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CompletionCandidates;

/**
 * What Tab offers for one kind of argument, from the operator API as the Gogo front end offers it. Karaf picks the
 * completer of the argument under the cursor, and first asks the completer of each argument typed before it about
 * that word alone: a completer that offers nothing for such a word stops the completion.
 */
public abstract class CandidatesCompleter implements Completer {

    @Reference
    StowageAdmin admin;

    private final Candidates kind;

    CandidatesCompleter(Candidates kind) {
        this.kind = kind;
    }

    public Candidates kind() {
        return kind;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        // Case-sensitive: store names and keys are
        return new StringsCompleter(offered(commandLine), true).complete(session, commandLine, candidates);
    }

    /** Every candidate for the word under the cursor, whatever its prefix. */
    List<String> offered(CommandLine commandLine) {
        int cursor = commandLine.getCursorArgumentIndex();
        if (cursor == 0) {
            // Only a word typed before the cursor comes alone: the command's name is the first word of a command line
            return acceptable(commandLine.getCursorArgument());
        }
        List<String> words = Arrays.asList(commandLine.getArguments());
        List<String> typed = CommandCatalog.find(words.get(0))
                .map(spec -> spec.positional(words.subList(0, Math.min(cursor, words.size()))))
                .orElse(List.of());
        return new CompletionCandidates(admin).of(kind, typed);
    }

    /** The names that make {@code word}, typed before the cursor, acceptable: those this kind knows. */
    List<String> acceptable(String word) {
        return new CompletionCandidates(admin).of(kind, List.of());
    }
}
