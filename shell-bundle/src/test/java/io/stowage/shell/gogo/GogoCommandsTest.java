package io.stowage.shell.gogo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import io.stowage.admin.RewriteResult;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.UnknownStoreException;
import io.stowage.api.TransformUnavailableException;
import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CommandFailure;
import io.stowage.shell.command.CommandSpec;

/**
 * The Gogo front end: every catalogued command is registered with its description; a wrong argument count gives the
 * usage; a failure the user can act on shows its message alone and is logged at DEBUG, an unexpected one keeps its
 * class and is logged at ERROR.
 */
class GogoCommandsTest {

    private static final Pattern FUNCTIONS = Pattern.compile(
            "<property name=\"osgi.command.function\" type=\"String\">([^<]*)</property>");

    private final List<String> logged = new ArrayList<>();

    @Test
    void everyCommandIsRegisteredWithItsDescription() throws IOException {
        Matcher matcher = FUNCTIONS.matcher(componentDescription());
        assertTrue(matcher.find());
        List<String> registered = matcher.group(1).lines().map(String::strip).sorted().toList();
        List<String> expected = new ArrayList<>(CommandCatalog.all().stream().map(CommandSpec::name).toList());
        expected.add("completions");
        assertEquals(expected.stream().sorted().toList(), registered);

        for (CommandSpec spec : CommandCatalog.all()) {
            Method method = Arrays.stream(GogoCommands.class.getMethods())
                    .filter(m -> m.getName().equals(spec.name())).findFirst().orElseThrow();
            assertEquals(spec.description(), method.getAnnotation(Descriptor.class).value(), spec.name());
        }
        String overview = CommandCatalog.overview();
        assertEquals(CommandCatalog.all().stream().map(CommandSpec::qualifiedName).toList(), overview.lines()
                .filter(line -> line.startsWith("stowage:")).map(line -> line.split(" ")[0]).toList());
        assertTrue(overview.lines().allMatch(line -> line.length() <= 100), overview);
    }

    @Test
    void aWrongCountPrintsTheUsage() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> commands(admin()).put("", "app/users"));
        assertTrue(failure.toString().startsWith("stowage:put takes 3 arguments"), failure.toString());
        assertTrue(failure.toString().contains("usage: stowage:put [-t|--ttl <duration>]"), failure.toString());
        assertEquals(List.of("DEBUG"), logged);
    }

    @Test
    void helpShowsOptionsAndArguments() {
        Object help = commands(admin()).put("", "--help");
        assertEquals(CommandCatalog.get("put").help(), help);
    }

    @Test
    void aStowageErrorIsItsMessageAlone() {
        StowageAdmin admin = new io.stowage.shell.command.AnsweringAdmin().answer("existingStore", args -> {
            throw new UnknownStoreException("unknown store no/such: no bundle opened it and it holds no data");
        }).admin();
        CommandFailure failure = assertThrows(CommandFailure.class, () -> commands(admin).get("no/such", "k"));
        assertEquals("unknown store no/such: no bundle opened it and it holds no data", failure.toString());
        assertEquals(List.of("DEBUG"), logged);
    }

    @Test
    void gcTakesAPageSizeAndShowsEachMistakeAsItsMessage() {
        StowageAdmin admin = new io.stowage.shell.command.AnsweringAdmin().answer("existingStore", args -> {
            throw new UnknownStoreException("unknown store " + args[0] + ": no bundle opened it and it holds no data");
        }).admin();
        GogoCommands commands = commands(admin);

        String help = (String) commands.gc("", "--help");
        assertEquals(CommandCatalog.get("gc").help(), help);
        assertTrue(help.contains("usage: stowage:gc [-p|--page-size <count>] <namespace/store>"), help);
        assertTrue(help.contains("-p, --page-size <count>") && help.contains(CommandCatalog.GC_PAGE_SIZE), help);
        assertTrue(assertThrows(CommandFailure.class, () -> commands.gc("")).toString()
                .startsWith("stowage:gc takes 1 argument (<namespace/store>), got 0"));
        assertEquals("unknown store no/such: no bundle opened it and it holds no data",
                assertThrows(CommandFailure.class, () -> commands.gc("", "no/such")).toString());
        assertEquals("--page-size 'lots' is not a page size: use a whole number from 1",
                assertThrows(CommandFailure.class, () -> commands.gc("lots", "app/objects")).toString());
        assertEquals(List.of("DEBUG", "DEBUG", "DEBUG"), logged);
    }

    @Test
    void rewriteReportsItsCountsAndAMissingTransformAsItsMessage() {
        StoreId users = new StoreId("app", "users");
        StowageAdmin admin = new io.stowage.shell.command.AnsweringAdmin().answer("rewrite", args -> {
            if (args[0].equals(new StoreId("app", "secret"))) {
                throw new TransformUnavailableException("store app/secret, key 'k': the value needs transform "
                        + "'aes-gcm' format version 1, which no registered transform reads (none is registered)");
            }
            @SuppressWarnings("unchecked")
            Consumer<RewriteResult> progress = (Consumer<RewriteResult>) args[1];
            progress.accept(new RewriteResult(users, 1000, 400, 600, 0, 0, Duration.ofMillis(20)));
            return new RewriteResult(users, 1500, 880, 600, 3, 20, Duration.ofMillis(42));
        }).admin();
        GogoCommands commands = commands(admin);

        assertEquals("rewrote 880 of 1480 value(s) of app/users in 42 ms (600 already current, 3 changed meanwhile "
                + "and rewritten again, 20 expired left to the sweep)", commands.rewrite("app/users"));
        assertEquals("store app/secret, key 'k': the value needs transform 'aes-gcm' format version 1, which no "
                + "registered transform reads (none is registered)",
                assertThrows(CommandFailure.class, () -> commands.rewrite("app/secret")).toString());
        assertTrue(assertThrows(CommandFailure.class, () -> commands.rewrite()).toString()
                .startsWith("stowage:rewrite takes 1 argument (<namespace/store>), got 0"));
        assertEquals(List.of("DEBUG", "DEBUG"), logged);
    }

    @Test
    void anUnexpectedErrorKeepsItsClassAndGoesToTheLog() {
        StowageAdmin admin = new io.stowage.shell.command.AnsweringAdmin().answer("routes", args -> {
            throw new NullPointerException("a fault");
        }).admin();
        CommandFailure failure = assertThrows(CommandFailure.class, () -> commands(admin).routes());
        assertTrue(failure.toString().startsWith("unexpected java.lang.NullPointerException: a fault"),
                failure.toString());
        assertTrue(failure.toString().contains("log"), failure.toString());
        assertEquals(List.of("ERROR"), logged);
    }

    private GogoCommands commands(StowageAdmin admin) {
        return new GogoCommands(admin, null, recordingLogger(), null);
    }

    private static StowageAdmin admin() {
        return new io.stowage.shell.command.AnsweringAdmin().admin();
    }

    /** A logger that records the level of each entry. */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("debug") || method.getName().equals("error")) {
                        logged.add(method.getName().toUpperCase(java.util.Locale.ROOT));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    private static String componentDescription() throws IOException {
        try (InputStream in = GogoCommands.class.getClassLoader().getResourceAsStream(
                "OSGI-INF/" + GogoCommands.class.getName() + ".xml")) {
            assertNotNull(in, "bnd wrote no component description for GogoCommands");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
