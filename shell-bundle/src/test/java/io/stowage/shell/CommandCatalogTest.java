package io.stowage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every command is registered by exactly one component (as the component descriptions bnd generated say), listed
 * once by stowage:commands, with a line of help.
 */
class CommandCatalogTest {

    private static final Pattern FUNCTIONS = Pattern.compile(
            "<property name=\"osgi.command.function\" type=\"String\">([^<]*)</property>");

    @Test
    void everyListedCommandIsRegisteredOnceWithItsHelp() throws IOException {
        List<String> registered = new ArrayList<>();
        for (Class<?> commands : List.of(OperatorCommands.class, StoreCommands.class)) {
            Matcher matcher = FUNCTIONS.matcher(componentDescription(commands));
            assertTrue(matcher.find(), commands.getName());
            registered.addAll(matcher.group(1).lines().map(String::strip).toList());
        }
        assertEquals(CommandCatalog.FUNCTIONS.stream().sorted().toList(), registered.stream().sorted().toList());

        List<String> lines = CommandCatalog.overview().lines().toList();
        assertEquals(CommandCatalog.FUNCTIONS.size(), lines.size(), CommandCatalog.overview());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("stowage:" + CommandCatalog.FUNCTIONS.get(i) + " +\\S.*"), lines.get(i));
        }
    }

    private static String componentDescription(Class<?> component) throws IOException {
        try (InputStream in = component.getClassLoader().getResourceAsStream(
                "OSGI-INF/" + component.getName() + ".xml")) {
            assertNotNull(in, "bnd wrote no component description for " + component.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
