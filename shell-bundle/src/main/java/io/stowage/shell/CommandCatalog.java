package io.stowage.shell;

import java.lang.reflect.Method;
import java.util.List;

import org.apache.felix.service.command.Descriptor;

/** Every {@code stowage:} command, in the order {@code stowage:commands} lists them, and their one-line help. */
final class CommandCatalog {

    static final String SCOPE_PROPERTY = "osgi.command.scope=stowage";

    static final List<String> FUNCTIONS = List.of("commands", "extensions", "backends", "instances", "move", "migrate",
            "routes", "namespaces", "stores", "get", "put", "delete", "ttl", "keys", "scan", "count", "clear", "stats",
            "sweep", "backup", "restore", "hotcopy");

    private static final List<Class<?>> COMMAND_CLASSES = List.of(OperatorCommands.class, StoreCommands.class);

    private CommandCatalog() {
    }

    /** A line per command: its name and its descriptor. */
    static String overview() {
        StringBuilder out = new StringBuilder();
        for (String function : FUNCTIONS) {
            for (Class<?> commands : COMMAND_CLASSES) {
                for (Method method : commands.getMethods()) {
                    Descriptor descriptor = method.getAnnotation(Descriptor.class);
                    if (method.getName().equals(function) && descriptor != null) {
                        out.append(String.format("stowage:%-11s %s%n", function, descriptor.value()));
                    }
                }
            }
        }
        return out.toString().stripTrailing();
    }
}
