package io.stowage.shell.gogo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CommandSpec;
import io.stowage.shell.command.OptionSpec;

/** The complete lines the Gogo JLine session runs: one set per command, every text quoted so Gogo reads it whole. */
class GogoCompletionsTest {

    @Test
    void apostrophesQuotesAndDollarsAreEscaped() {
        assertEquals("\"one\\'s \\\"quoted\\\" \\$5\"", GogoCompletions.quoted("one's \"quoted\" $5"));
    }

    @Test
    void everyCommandItsOptionsAndItsArgumentsAreCompleted() {
        List<String> script = GogoCompletions.script();
        for (CommandSpec spec : CommandCatalog.all()) {
            String command = "complete -c " + spec.qualifiedName() + " ";
            assertTrue(script.contains(command + "-e"), spec.name());
            for (OptionSpec option : spec.options()) {
                assertTrue(script.stream().anyMatch(line -> line.startsWith(command + "-s " + option.shortName()
                        + " -l " + option.longName() + " ")), spec.name() + " --" + option.longName());
            }
            assertEquals(!spec.arguments().isEmpty(), script.stream().anyMatch(line -> line.startsWith(command + "-a ")),
                    spec.name());
        }
    }

    @Test
    void noTextHoldsABackslashWhichGogoWouldDrop() {
        for (CommandSpec spec : CommandCatalog.all()) {
            assertFalse(spec.help().contains("\\"), spec.help());
        }
    }
}
