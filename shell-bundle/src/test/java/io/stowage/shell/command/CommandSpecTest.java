package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A command's usage, help and argument check, and which argument a word of a command line is. */
class CommandSpecTest {

    private final CommandSpec put = CommandCatalog.get("put");
    private final CommandSpec scan = CommandCatalog.get("scan");

    @Test
    void usageShowsOptionsThenArguments() {
        assertEquals("stowage:put [-t|--ttl <duration>] <namespace/store> <key> <value>", put.usage());
        assertEquals("stowage:scan [-n|--limit <count>] [-a|--after <key>] <namespace/store> [<from>] [<to>]",
                scan.usage());
        assertEquals("stowage:gc [-p|--page-size <count>] <namespace/store>", CommandCatalog.get("gc").usage());
    }

    @Test
    void helpListsEveryOptionAndArgument() {
        String help = put.help();
        assertTrue(help.startsWith("stowage:put - " + CommandCatalog.PUT), help);
        assertTrue(help.contains("-t, --ttl <duration>") && help.contains(CommandCatalog.PUT_TTL), help);
        for (String argument : List.of("namespace/store", "key", "value")) {
            assertTrue(help.lines().anyMatch(line -> line.startsWith("  " + argument + " ")), help);
        }
        assertTrue(scan.help().contains("(optional)"), scan.help());
    }

    @Test
    void aWrongCountNamesTheCountAndGivesTheUsage() {
        UsageException few = assertThrows(UsageException.class, () -> put.check(List.of("app/users")));
        assertEquals("stowage:put takes 3 arguments (<namespace/store> <key> <value>), got 1" + System.lineSeparator()
                + "usage: " + put.usage() + "   (stowage:put --help for more)", few.getMessage());
        assertEquals(few.getMessage(), few.toString(), "shown without the exception's class");

        UsageException many = assertThrows(UsageException.class,
                () -> scan.check(List.of("app/users", "a", "b", "c")));
        assertTrue(many.getMessage().startsWith("stowage:scan takes 1 to 3 arguments"), many.getMessage());
        UsageException none = assertThrows(UsageException.class,
                () -> CommandCatalog.get("sweep").check(List.of("x")));
        assertTrue(none.getMessage().startsWith("stowage:sweep takes no argument, got 1"), none.getMessage());
        assertEquals(List.of("app/users"), scan.check(List.of("app/users")));
    }

    @Test
    void anUnknownOptionIsNamed() {
        UsageException unknown = assertThrows(UsageException.class,
                () -> put.check(List.of("--tll", "app/users", "k", "v")));
        assertTrue(unknown.getMessage().startsWith("unknown option --tll"), unknown.getMessage());
        // "-" is an open bound of scan, and a negative number is a value
        assertEquals(List.of("app/users", "-", "-1"), scan.check(List.of("app/users", "-", "-1")));
    }

    @Test
    void helpIsAskedForWithEitherName() {
        assertTrue(CommandSpec.asksForHelp(List.of("app/users", "--help")));
        assertTrue(CommandSpec.asksForHelp(List.of("-h")));
        assertFalse(CommandSpec.asksForHelp(List.of("app/users", "k")));
    }

    @Test
    void theWordUnderTheCursorIsFoundPastOptionsAndTheirValues() {
        List<String> line = List.of("stowage:put", "--ttl", "30s", "app/users", "");
        assertEquals(Optional.of("key"), put.argumentAt(line, 4).map(ArgumentSpec::name));
        assertEquals(Optional.of("namespace/store"), put.argumentAt(line, 3).map(ArgumentSpec::name));
        assertEquals(Optional.empty(), put.argumentAt(line, 2), "the TTL's value");
        assertEquals(List.of("app/users", ""), put.positional(line));
        assertEquals(Optional.empty(), put.argumentAt(List.of("stowage:put", "a/b", "k", "v", ""), 4));
    }
}
