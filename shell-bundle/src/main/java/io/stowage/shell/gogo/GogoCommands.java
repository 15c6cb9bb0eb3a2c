package io.stowage.shell.gogo;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import io.stowage.admin.StowageAdmin;
import io.stowage.shell.command.ChangeWatch;
import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.CommandFailure;
import io.stowage.shell.command.CommandSpec;
import io.stowage.shell.command.CompletionCandidates;
import io.stowage.shell.command.Failures;
import io.stowage.shell.command.IndexCommands;
import io.stowage.shell.command.OperatorCommands;
import io.stowage.shell.command.Readiness;
import io.stowage.shell.command.StoreCommands;

/**
 * The {@code stowage:} commands for the Gogo shell of Felix. Gogo parses the options; every command takes its
 * positional arguments as one array, so that a wrong count or an unknown option prints that command's usage instead of
 * Gogo's coercion error, and {@code --help} prints its options and arguments. A failure the user can act on is thrown
 * as its message alone and logged at DEBUG; an unexpected one keeps its class and is logged at ERROR.
 */
@Component(service = GogoCommands.class, property = {"osgi.command.scope=" + CommandCatalog.SCOPE,
        "osgi.command.function=commands", "osgi.command.function=ready", "osgi.command.function=extensions",
        "osgi.command.function=backends", "osgi.command.function=instances", "osgi.command.function=move",
        "osgi.command.function=migrate", "osgi.command.function=routes", "osgi.command.function=namespaces",
        "osgi.command.function=stores", "osgi.command.function=get", "osgi.command.function=put",
        "osgi.command.function=delete", "osgi.command.function=ttl", "osgi.command.function=keys",
        "osgi.command.function=scan", "osgi.command.function=count", "osgi.command.function=clear",
        "osgi.command.function=watch",
        "osgi.command.function=stats", "osgi.command.function=sweep", "osgi.command.function=gc",
        "osgi.command.function=rewrite", "osgi.command.function=backup", "osgi.command.function=restore",
        "osgi.command.function=hotcopy", "osgi.command.function=index", "osgi.command.function=dropindex",
        "osgi.command.function=indexes", "osgi.command.function=lookup",
        "osgi.command.function=completions"})
public final class GogoCommands {

    /** Gogo's value for an option that was not given; no option of ours takes an empty value. */
    private static final String ABSENT = "";
    private static final String STORE_AND_KEY = "<namespace/store> <key>";
    private static final String NO_ARGUMENTS = "(takes no argument)";

    private final StoreCommands store;
    private final ChangeWatch changes;
    private final OperatorCommands operator;
    private final IndexCommands indexes;
    private final Readiness readiness;
    private final CompletionCandidates candidates;
    private final Logger logger;

    @Activate
    public GogoCommands(@Reference StowageAdmin admin, @Reference ConfigurationAdmin configurationAdmin,
            @Reference(service = LoggerFactory.class) Logger logger, BundleContext context) {
        this.store = new StoreCommands(admin);
        this.changes = new ChangeWatch(admin);
        this.operator = new OperatorCommands(admin);
        this.indexes = new IndexCommands(admin);
        this.readiness = new Readiness(admin, configurationAdmin, context);
        this.candidates = new CompletionCandidates(admin);
        this.logger = logger;
    }

    // Not named "help": an unscoped help would then resolve to this one and hide felix:help
    @Descriptor(CommandCatalog.COMMANDS)
    public Object commands(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("commands", arguments, a -> operator.commands());
    }

    @Descriptor(CommandCatalog.READY)
    public Object ready(@Descriptor(CommandCatalog.READY_WAIT) @Parameter(names = {"-w", "--wait"},
            absentValue = ABSENT) String wait, @Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("ready", arguments, a -> readiness.await(given(wait)));
    }

    @Descriptor(CommandCatalog.EXTENSIONS)
    public Object extensions(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("extensions", arguments, a -> operator.extensions());
    }

    @Descriptor(CommandCatalog.BACKENDS)
    public Object backends(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("backends", arguments, a -> operator.backends());
    }

    @Descriptor(CommandCatalog.INSTANCES)
    public Object instances(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("instances", arguments, a -> operator.instances());
    }

    @Descriptor(CommandCatalog.MOVE)
    public Object move(@Descriptor("<configuration> <version>") String... arguments) {
        return run("move", arguments, a -> operator.move(a.get(0), a.get(1)));
    }

    @Descriptor(CommandCatalog.MIGRATE)
    public Object migrate(@Descriptor(CommandCatalog.MIGRATE_KEEP) @Parameter(names = {"-k", "--keep"},
            presentValue = "true", absentValue = "false") boolean keep,
            @Descriptor("<namespace/store> <target>") String... arguments) {
        // Progress goes to the command's own thread's output, which the shell gives to the session
        return run("migrate", arguments, a -> operator.migrate(a.get(0), a.get(1), keep, System.out::println));
    }

    @Descriptor(CommandCatalog.ROUTES)
    public Object routes(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("routes", arguments, a -> operator.routes());
    }

    @Descriptor(CommandCatalog.NAMESPACES)
    public Object namespaces(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("namespaces", arguments, a -> store.namespaces());
    }

    @Descriptor(CommandCatalog.STORES)
    public Object stores(@Descriptor("[<namespace>]") String... arguments) {
        return run("stores", arguments, a -> store.stores(optional(a, 0)));
    }

    @Descriptor(CommandCatalog.GET)
    public Object get(@Descriptor(STORE_AND_KEY) String... arguments) {
        return run("get", arguments, a -> store.get(a.get(0), a.get(1)));
    }

    @Descriptor(CommandCatalog.PUT)
    public Object put(@Descriptor(CommandCatalog.PUT_TTL) @Parameter(names = {"-t", "--ttl"},
            absentValue = ABSENT) String ttl, @Descriptor("<namespace/store> <key> <value>") String... arguments) {
        return run("put", arguments, a -> store.put(a.get(0), a.get(1), a.get(2), given(ttl)));
    }

    @Descriptor(CommandCatalog.DELETE)
    public Object delete(@Descriptor(STORE_AND_KEY) String... arguments) {
        return run("delete", arguments, a -> store.delete(a.get(0), a.get(1)));
    }

    @Descriptor(CommandCatalog.TTL)
    public Object ttl(@Descriptor(STORE_AND_KEY) String... arguments) {
        return run("ttl", arguments, a -> store.ttl(a.get(0), a.get(1)));
    }

    @Descriptor(CommandCatalog.KEYS)
    public Object keys(
            @Descriptor(CommandCatalog.LIMIT) @Parameter(names = {"-n", "--limit"}, absentValue = ABSENT) String limit,
            @Descriptor(CommandCatalog.AFTER) @Parameter(names = {"-a", "--after"}, absentValue = ABSENT) String after,
            @Descriptor("<namespace/store> <glob>") String... arguments) {
        return run("keys", arguments, a -> store.keys(a.get(0), a.get(1), given(limit), given(after)));
    }

    @Descriptor(CommandCatalog.SCAN)
    public Object scan(
            @Descriptor(CommandCatalog.LIMIT) @Parameter(names = {"-n", "--limit"}, absentValue = ABSENT) String limit,
            @Descriptor(CommandCatalog.AFTER) @Parameter(names = {"-a", "--after"}, absentValue = ABSENT) String after,
            @Descriptor("<namespace/store> [<from>] [<to>]") String... arguments) {
        return run("scan", arguments,
                a -> store.scan(a.get(0), optional(a, 1), optional(a, 2), given(limit), given(after)));
    }

    @Descriptor(CommandCatalog.COUNT)
    public Object count(@Descriptor("<namespace/store>") String... arguments) {
        return run("count", arguments, a -> store.count(a.get(0)));
    }

    @Descriptor(CommandCatalog.CLEAR)
    public Object clear(@Descriptor("<namespace/store>") String... arguments) {
        return run("clear", arguments, a -> store.clear(a.get(0)));
    }

    @Descriptor(CommandCatalog.WATCH)
    public Object watch(
            @Descriptor(CommandCatalog.WATCH_VALUES) @Parameter(names = {"-v", "--values"}, presentValue = "true",
                    absentValue = "false") boolean values,
            @Descriptor(CommandCatalog.WATCH_FROM) @Parameter(names = {"-f", "--from"}, absentValue = ABSENT)
                    String from,
            @Descriptor(CommandCatalog.WATCH_COUNT) @Parameter(names = {"-c", "--count"}, absentValue = ABSENT)
                    String count,
            @Descriptor(CommandCatalog.WATCH_TIMEOUT) @Parameter(names = {"-t", "--timeout"}, absentValue = ABSENT)
                    String timeout,
            @Descriptor("<namespace/store> [<glob>]") String... arguments) {
        // Each change is printed as it comes, on the command's own thread's output, as migrate's progress is
        return run("watch", arguments, a -> changes.watch(a.get(0), optional(a, 1), values, given(from), given(count),
                given(timeout), System.out::println));
    }

    @Descriptor(CommandCatalog.STATS)
    public Object stats(@Descriptor("[<namespace/store>]") String... arguments) {
        return run("stats", arguments, a -> operator.stats(optional(a, 0)));
    }

    @Descriptor(CommandCatalog.SWEEP)
    public Object sweep(@Descriptor(NO_ARGUMENTS) String... arguments) {
        return run("sweep", arguments, a -> operator.sweep());
    }

    @Descriptor(CommandCatalog.GC)
    public Object gc(@Descriptor(CommandCatalog.GC_PAGE_SIZE) @Parameter(names = {"-p", "--page-size"},
            absentValue = ABSENT) String pageSize, @Descriptor("<namespace/store>") String... arguments) {
        return run("gc", arguments, a -> operator.gc(a.get(0), given(pageSize)));
    }

    @Descriptor(CommandCatalog.REWRITE)
    public Object rewrite(@Descriptor("<namespace/store>") String... arguments) {
        // Progress goes to the command's own thread's output, as migrate's does
        return run("rewrite", arguments, a -> operator.rewrite(a.get(0), System.out::println));
    }

    @Descriptor(CommandCatalog.BACKUP)
    public Object backup(@Descriptor("<file> [<namespace/store or namespace>]") String... arguments) {
        return run("backup", arguments, a -> operator.backup(a.get(0), optional(a, 1)));
    }

    @Descriptor(CommandCatalog.RESTORE)
    public Object restore(
            @Descriptor(CommandCatalog.RESTORE_MERGE) @Parameter(names = {"-m", "--merge"}, presentValue = "true",
                    absentValue = "false") boolean merge,
            @Descriptor(CommandCatalog.RESTORE_REPLACE) @Parameter(names = {"-r", "--replace"},
                    presentValue = "true", absentValue = "false") boolean replace,
            @Descriptor("<file>") String... arguments) {
        return run("restore", arguments, a -> operator.restore(a.get(0), merge, replace));
    }

    @Descriptor(CommandCatalog.HOTCOPY)
    public Object hotcopy(@Descriptor("<configuration> <folder>") String... arguments) {
        return run("hotcopy", arguments, a -> operator.hotcopy(a.get(0), a.get(1)));
    }

    // Gogo finds a command's method by its name ignoring case, so no command name has a dash
    @Descriptor(CommandCatalog.INDEX_CREATE)
    public Object index(
            @Descriptor(CommandCatalog.INDEX_CREATE_UNIQUE) @Parameter(names = {"-u", "--unique"},
                    presentValue = "true", absentValue = "false") boolean unique,
            @Descriptor(CommandCatalog.INDEX_CREATE_WAIT) @Parameter(names = {"-w", "--wait"},
                    presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("<namespace/store> <index> <function>") String... arguments) {
        return run("index", arguments, a -> indexes.create(a.get(0), a.get(1), a.get(2), unique, wait));
    }

    @Descriptor(CommandCatalog.INDEX_DROP)
    public Object dropindex(@Descriptor("<namespace/store> <index>") String... arguments) {
        return run("dropindex", arguments, a -> indexes.drop(a.get(0), a.get(1)));
    }

    @Descriptor(CommandCatalog.INDEXES)
    public Object indexes(@Descriptor("[<namespace/store>]") String... arguments) {
        return run("indexes", arguments, a -> indexes.list(optional(a, 0)));
    }

    @Descriptor(CommandCatalog.INDEX_QUERY)
    public Object lookup(
            @Descriptor(CommandCatalog.INDEX_QUERY_PREFIX) @Parameter(names = {"-p", "--prefix"},
                    presentValue = "true", absentValue = "false") boolean prefix,
            @Descriptor(CommandCatalog.INDEX_QUERY_TO) @Parameter(names = {"-t", "--to"}, absentValue = ABSENT)
                    String to,
            @Descriptor(CommandCatalog.INDEX_QUERY_VALUES) @Parameter(names = {"-v", "--values"},
                    presentValue = "true", absentValue = "false") boolean values,
            @Descriptor(CommandCatalog.LIMIT) @Parameter(names = {"-n", "--limit"}, absentValue = ABSENT) String limit,
            @Descriptor(CommandCatalog.INDEX_AFTER) @Parameter(names = {"-a", "--after"}, absentValue = ABSENT)
                    String after,
            @Descriptor("<namespace/store> <index> <key>") String... arguments) {
        return run("lookup", arguments, a -> indexes.query(a.get(0), a.get(1), a.get(2), prefix, given(to),
                values, given(limit), given(after)));
    }

    @Descriptor("install Tab completion of the stowage commands into this Gogo JLine session (its profile runs it)")
    public void completions(CommandSession session) throws Exception {
        for (String line : GogoCompletions.script()) {
            session.execute(line);
        }
    }

    @Descriptor("what Tab offers for a word of a stowage command line (the completion installed above calls it)")
    public List<String> completions(@Descriptor("the command line's words") List<String> words,
            @Descriptor("the index of the word to complete") int index) {
        return words.isEmpty() ? List.of() : CommandCatalog.find(words.get(0))
                .map(spec -> candidates.forWord(spec, words, index)).orElse(List.of());
    }

    /** A command's body, given its checked positional arguments. */
    @FunctionalInterface
    private interface Body {
        Object run(List<String> arguments) throws Exception;
    }

    private Object run(String name, String[] arguments, Body body) {
        CommandSpec spec = CommandCatalog.get(name);
        List<String> words = List.of(arguments);
        if (CommandSpec.asksForHelp(words)) {
            return spec.help();
        }
        try {
            return body.run(spec.check(words));
        } catch (Exception e) {
            throw failure(spec, e);
        }
    }

    private CommandFailure failure(CommandSpec spec, Exception error) {
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return Failures.expected(error).map(failure -> {
            logger.debug("{} failed: {}", spec.qualifiedName(), failure.getMessage());
            return failure;
        }).orElseGet(() -> {
            logger.error(spec.qualifiedName() + " failed unexpectedly", error);
            return Failures.unexpected(error, "its stack trace is in the log: log 1 error");
        });
    }

    private static String given(String option) {
        return option.equals(ABSENT) ? null : option;
    }

    private static String optional(List<String> arguments, int index) {
        return arguments.size() > index ? arguments.get(index) : null;
    }
}
