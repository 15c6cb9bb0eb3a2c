package io.stowage.shell.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.junit.jupiter.api.Test;

import io.stowage.shell.command.ArgumentSpec;
import io.stowage.shell.command.Candidates;
import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CommandSpec;
import io.stowage.shell.command.OptionSpec;

/**
 * Karaf's help and completion come from the actions' annotations; these must say what the catalog says, so that
 * {@code help stowage:put} in Karaf and {@code stowage:put --help} in Felix describe the same command.
 */
class CommandAnnotationsTest {

    @Test
    void everyCatalogedCommandIsOneKarafActionAndNoOtherIs() throws Exception {
        Map<String, Class<?>> actions = actions().stream()
                .collect(Collectors.toMap(type -> type.getAnnotation(Command.class).name(), Function.identity()));
        assertEquals(CommandCatalog.all().stream().map(CommandSpec::name).sorted().toList(),
                actions.keySet().stream().sorted().toList());
        for (Class<?> action : actions.values()) {
            assertTrue(Modifier.isPublic(action.getModifiers()), action + ": Karaf instantiates it");
            assertNotNull(action.getConstructor(), action + ": Karaf instantiates it");
            assertEquals(CommandCatalog.SCOPE, action.getAnnotation(Command.class).scope(), action.getName());
        }
    }

    @Test
    void descriptionsOptionsAndArgumentsAreTheCatalogs() throws Exception {
        for (Class<?> action : actions()) {
            Command command = action.getAnnotation(Command.class);
            CommandSpec spec = CommandCatalog.get(command.name());
            assertEquals(spec.description(), command.description(), spec.name());
            assertEquals(spec.options().stream().map(CommandAnnotationsTest::describe).sorted().toList(),
                    fields(action, Option.class).stream().map(CommandAnnotationsTest::describeOption).sorted()
                            .toList(), spec.name());
            assertEquals(spec.arguments().stream().map(CommandAnnotationsTest::describe).toList(),
                    fields(action, Argument.class).stream()
                            .sorted(Comparator.comparingInt(f -> f.getAnnotation(Argument.class).index()))
                            .map(CommandAnnotationsTest::describeArgument).toList(),
                    spec.name());
        }
    }

    private static String describe(OptionSpec option) {
        return "-" + option.shortName() + " --" + option.longName() + (option.isFlag() ? " flag " : " value ")
                + option.description();
    }

    private static String describeOption(Field field) {
        Option option = field.getAnnotation(Option.class);
        boolean flag = field.getType() == boolean.class;
        return option.name() + " " + String.join(" ", option.aliases()) + (flag ? " flag " : " value ")
                + option.description();
    }

    private static String describe(ArgumentSpec argument) {
        return argument.name() + " " + argument.required() + " " + argument.candidates() + " " + argument.description();
    }

    private static String describeArgument(Field field) {
        Argument argument = field.getAnnotation(Argument.class);
        return argument.name() + " " + argument.required() + " " + candidates(field) + " " + argument.description();
    }

    /** The kind of names Tab offers for the field, from its completer. */
    private static Candidates candidates(Field field) {
        Completion completion = field.getAnnotation(Completion.class);
        if (completion == null) {
            return Candidates.NONE;
        }
        if (completion.value() == FileCompleter.class) {
            return Candidates.FILE;
        }
        assertTrue(completion.value().isAnnotationPresent(Service.class), completion.value() + ": Karaf registers it");
        try {
            return ((CandidatesCompleter) completion.value().getConstructor().newInstance()).kind();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(completion.value() + ": Karaf instantiates it", e);
        }
    }

    private static List<Field> fields(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredFields()).filter(f -> f.isAnnotationPresent(annotation)).forEach(fields::add);
        }
        return fields;
    }

    /** The classes Karaf registers as commands: those of the package named by Karaf-Commands, as Karaf finds them. */
    static List<Class<?>> actions() throws IOException, URISyntaxException, ClassNotFoundException {
        Path folder = Path.of(StowageAction.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(StowageAction.class.getPackageName().replace('.', '/'));
        List<Class<?>> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(StowageAction.class.getPackageName() + "." + name);
                if (type.isAnnotationPresent(Service.class) && Action.class.isAssignableFrom(type)) {
                    actions.add(type);
                } else if (type.isAnnotationPresent(Service.class)) {
                    assertTrue(Completer.class.isAssignableFrom(type), type + " is a service but no completer");
                }
            }
        }
        return actions;
    }
}
