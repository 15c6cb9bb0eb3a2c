package io.stowage.shell.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.stowage.api.Limits;
import io.stowage.typed.ObjectStores;

/**
 * Every {@code stowage:} command, in the order {@code stowage:commands} lists them. The texts are constants so that
 * the Karaf front end's annotations, which need constants, show exactly what the Gogo front end shows.
 */
public final class CommandCatalog {

    public static final String SCOPE = "stowage";

    private static final int OVERVIEW_WIDTH = 100;
    private static final int NAME_WIDTH = 19;

    public static final String COMMANDS = "list the stowage commands with a line on each "
            + "(stowage:<command> --help shows one's options and arguments)";
    public static final String READY = "wait until every configuration in etc/ is applied and every backend "
            + "configuration serves or says why not";
    public static final String READY_WAIT = "how long to wait, e.g. 30s (default 30s)";
    public static final String EXTENSIONS = "list installed storage extensions: type, version, bundle and the "
            + "configurations each serves";
    public static final String BACKENDS = "list backend configurations: name, type, version range, state and "
            + "capabilities";
    public static final String INSTANCES = "list backend instances per extension version: configuration, state, "
            + "operations in flight and the open stores each serves";
    public static final String MOVE = "move a backend configuration to the installed extension of a version (make "
            + "before break), or back to its policy with 'latest'";
    public static final String MOVE_VERSION = "extension version, e.g. 1.1.0, or latest";
    public static final String MIGRATE = "copy a store live to another backend configuration, then switch the store "
            + "to it";
    public static final String MIGRATE_KEEP = "keep the source's copy (default: delete it after the switch)";
    public static final String MIGRATE_TARGET = "target backend configuration";
    public static final String ROUTES = "list store routes and the default backend configuration";
    public static final String NAMESPACES = "list namespaces that hold data";
    public static final String STORES = "list stores that hold data, as namespace/store";
    public static final String STORES_NAMESPACE = "only this namespace";
    public static final String GET = "print the value of a key";
    public static final String PUT = "store a text value under a key, optionally with a TTL such as 30s, 500ms, 5m, "
            + "1h, 2d";
    public static final String PUT_TTL = "time to live, e.g. 30s (default: none)";
    public static final String PUT_VALUE = "value (UTF-8 text)";
    public static final String DELETE = "delete a key";
    public static final String TTL = "print a key's remaining time to live";
    public static final String KEYS = "list keys matching a glob: * any run, ? one character, a backslash escapes the "
            + "next";
    public static final String KEYS_GLOB = "glob, e.g. 'user:*' (quoted: the shell expands a bare *)";
    public static final String SCAN = "list entries with from <= key < to in key order";
    public static final String SCAN_FROM = "first key (inclusive); - for open";
    public static final String SCAN_TO = "end key (exclusive); - for open";
    public static final String COUNT = "count the keys of a store";
    public static final String CLEAR = "delete every key of a store";
    public static final String WATCH = "print a store's changes as they are committed, a line each: position, PUT, "
            + "DELETE or EXPIRE, key; until --count changes, --timeout without one, or Ctrl-C";
    public static final String WATCH_GLOB = "keys to follow, e.g. 'user:*' (default: every key)";
    public static final String WATCH_VALUES = "print the values of puts (UTF-8 text, else hex)";
    public static final String WATCH_FROM = "start at a position an earlier watch printed (default: from now on)";
    public static final String WATCH_COUNT = "stop after this many changes";
    public static final String WATCH_TIMEOUT = "stop after this long without a change, e.g. 10s";
    public static final String STATS = "show per-store keys, stored bytes, operation counts, bytes read and written "
            + "and p99 latencies, and per-backend-configuration totals; one store in detail when named, with how each "
            + "of its indexes was used";
    public static final String SWEEP = "remove expired entries now instead of at the next sweep";
    public static final String GC = "delete the objects of an object store that no named root reaches, while "
            + "applications keep using it (needs the typed-data bundle)";
    // Constants of the APIs, which javac inlines: the catalog loads without io.stowage.typed, which may be absent
    public static final String GC_PAGE_SIZE = "keys read, marked or deleted at a time, 1 to " + Limits.MAX_PAGE_SIZE
            + " (default " + ObjectStores.DEFAULT_PAGE_SIZE + ")";
    public static final String REWRITE = "write a store's values again through its route's current transform chain "
            + "(or plain, with none), live: an application's write meanwhile is never overwritten";
    public static final String BACKUP = "write stores to a portable dump file while applications keep using them: "
            + "one store, a namespace, or all of them";
    public static final String BACKUP_FILE = "the dump file to write";
    public static final String BACKUP_WHAT = "namespace/store or namespace (default: all stores)";
    public static final String RESTORE = "load a dump file into the stores it names, in whatever backend serves them; "
            + "a store that already holds keys needs --merge or --replace";
    public static final String RESTORE_MERGE = "keep the store's keys; the dump's keys overwrite those they share";
    public static final String RESTORE_REPLACE = "clear the stores first";
    public static final String RESTORE_FILE = "the dump file to read";
    public static final String HOTCOPY = "copy a backend configuration's own data files while it serves, where its "
            + "backend can (LMDB: a compacting copy that opens as an LMDB backend)";
    public static final String HOTCOPY_FOLDER = "folder for the copy: new or empty";

    public static final String INDEX_CREATE = "create a secondary index on a store, e.g. json(pointer=/email), and "
            + "build it live while applications keep writing; an existing index of that name is redefined: the new "
            + "definition builds beside it, which answers lookups until then";
    public static final String INDEX_CREATE_UNIQUE = "refuse a write that gives an index key to a second key";
    public static final String INDEX_CREATE_WAIT = "return once the index (or its new definition) is built (default: "
            + "while it builds)";
    public static final String INDEX_FUNCTION = "index function with its parameters, e.g. json(pointer=/email)";
    public static final String INDEX_DROP = "drop a secondary index and delete its entries";
    public static final String INDEXES = "list secondary indexes: store, function, state, keys built and entries";
    public static final String INDEX_QUERY = "look keys up by index key, in index order: exactly, by prefix, or a "
            + "range up to --to";
    public static final String INDEX_QUERY_PREFIX = "every index key starting with the one given";
    public static final String INDEX_QUERY_TO = "end of a range of index keys (exclusive); - for open";
    public static final String INDEX_QUERY_VALUES = "print each key's value too";
    public static final String INDEX_NAME = "the index's name";
    public static final String INDEX_KEY = "the index key (with --to: the first of the range; - for open)";
    public static final String INDEX_AFTER = "continue after this point (a continuation printed before)";

    public static final String STORE = "the store, as namespace/store";
    public static final String KEY = "the key";
    public static final String CONFIGURATION = "backend configuration name";
    public static final String LIMIT = "page size (default 100)";
    public static final String AFTER = "continue after this key";

    private static final OptionSpec LIMIT_OPTION = new OptionSpec('n', "limit", "count", LIMIT);
    private static final OptionSpec AFTER_OPTION = new OptionSpec('a', "after", "key", AFTER);
    private static final ArgumentSpec STORE_ARGUMENT = required("namespace/store", STORE, Candidates.STORE);
    private static final ArgumentSpec KEY_ARGUMENT = required("key", KEY, Candidates.KEY);

    private static final List<CommandSpec> ALL = List.of(
            command("commands", COMMANDS),
            command("ready", READY, new OptionSpec('w', "wait", "duration", READY_WAIT)),
            command("extensions", EXTENSIONS),
            command("backends", BACKENDS),
            command("instances", INSTANCES),
            command("move", MOVE, required("configuration", CONFIGURATION, Candidates.CONFIGURATION),
                    required("version", MOVE_VERSION, Candidates.VERSION)),
            command("migrate", MIGRATE, new OptionSpec('k', "keep", null, MIGRATE_KEEP), STORE_ARGUMENT,
                    required("target", MIGRATE_TARGET, Candidates.CONFIGURATION)),
            command("routes", ROUTES),
            command("namespaces", NAMESPACES),
            command("stores", STORES, optional("namespace", STORES_NAMESPACE, Candidates.NAMESPACE)),
            command("get", GET, STORE_ARGUMENT, KEY_ARGUMENT),
            command("put", PUT, new OptionSpec('t', "ttl", "duration", PUT_TTL), STORE_ARGUMENT, KEY_ARGUMENT,
                    required("value", PUT_VALUE, Candidates.NONE)),
            command("delete", DELETE, STORE_ARGUMENT, KEY_ARGUMENT),
            command("ttl", TTL, STORE_ARGUMENT, KEY_ARGUMENT),
            command("keys", KEYS, LIMIT_OPTION, AFTER_OPTION, STORE_ARGUMENT,
                    required("glob", KEYS_GLOB, Candidates.NONE)),
            command("scan", SCAN, LIMIT_OPTION, AFTER_OPTION, STORE_ARGUMENT,
                    optional("from", SCAN_FROM, Candidates.KEY), optional("to", SCAN_TO, Candidates.KEY)),
            command("count", COUNT, STORE_ARGUMENT),
            command("clear", CLEAR, STORE_ARGUMENT),
            command("watch", WATCH, new OptionSpec('v', "values", null, WATCH_VALUES),
                    new OptionSpec('f', "from", "position", WATCH_FROM),
                    new OptionSpec('c', "count", "count", WATCH_COUNT),
                    new OptionSpec('t', "timeout", "duration", WATCH_TIMEOUT), STORE_ARGUMENT,
                    optional("glob", WATCH_GLOB, Candidates.NONE)),
            command("stats", STATS, optional("namespace/store", STORE, Candidates.STORE)),
            command("sweep", SWEEP),
            command("gc", GC, new OptionSpec('p', "page-size", "count", GC_PAGE_SIZE), STORE_ARGUMENT),
            command("rewrite", REWRITE, STORE_ARGUMENT),
            command("backup", BACKUP, required("file", BACKUP_FILE, Candidates.FILE),
                    optional("what", BACKUP_WHAT, Candidates.STORE_OR_NAMESPACE)),
            command("restore", RESTORE, new OptionSpec('m', "merge", null, RESTORE_MERGE),
                    new OptionSpec('r', "replace", null, RESTORE_REPLACE),
                    required("file", RESTORE_FILE, Candidates.FILE)),
            command("hotcopy", HOTCOPY, required("configuration", CONFIGURATION, Candidates.CONFIGURATION),
                    required("folder", HOTCOPY_FOLDER, Candidates.FILE)),
            command("index", INDEX_CREATE, new OptionSpec('u', "unique", null, INDEX_CREATE_UNIQUE),
                    new OptionSpec('w', "wait", null, INDEX_CREATE_WAIT), STORE_ARGUMENT,
                    required("index", INDEX_NAME, Candidates.NONE),
                    required("function", INDEX_FUNCTION, Candidates.NONE)),
            command("dropindex", INDEX_DROP, STORE_ARGUMENT, required("index", INDEX_NAME, Candidates.NONE)),
            command("indexes", INDEXES, optional("namespace/store", STORE, Candidates.STORE)),
            command("lookup", INDEX_QUERY, new OptionSpec('p', "prefix", null, INDEX_QUERY_PREFIX),
                    new OptionSpec('t', "to", "index key", INDEX_QUERY_TO),
                    new OptionSpec('v', "values", null, INDEX_QUERY_VALUES), LIMIT_OPTION,
                    new OptionSpec('a', "after", "continuation", INDEX_AFTER), STORE_ARGUMENT,
                    required("index", INDEX_NAME, Candidates.NONE), required("key", INDEX_KEY, Candidates.NONE)));

    private CommandCatalog() {
    }

    public static List<CommandSpec> all() {
        return ALL;
    }

    /** The command named {@code name}, with or without the {@code stowage:} scope. */
    public static Optional<CommandSpec> find(String name) {
        String bare = name.startsWith(SCOPE + ":") ? name.substring(SCOPE.length() + 1) : name;
        return ALL.stream().filter(spec -> spec.name().equals(bare)).findFirst();
    }

    /** The command named {@code name}, which the front end knows to exist. */
    public static CommandSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no stowage command " + name));
    }

    /** A line per command, its name and what it does, the description wrapped to fit a 100-column terminal. */
    public static String overview() {
        StringBuilder out = new StringBuilder();
        for (CommandSpec spec : ALL) {
            List<String> lines = wrap(spec.description(), OVERVIEW_WIDTH - NAME_WIDTH - 1);
            out.append(String.format("%-" + NAME_WIDTH + "s %s%n", spec.qualifiedName(), lines.get(0)));
            lines.subList(1, lines.size()).forEach(line -> out.append(" ".repeat(NAME_WIDTH + 1)).append(line)
                    .append(System.lineSeparator()));
        }
        return out.toString().stripTrailing();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static CommandSpec command(String name, String description, Object... parts) {
        List<OptionSpec> options = new ArrayList<>();
        List<ArgumentSpec> arguments = new ArrayList<>();
        Arrays.stream(parts).forEach(part -> {
            if (part instanceof OptionSpec option) {
                options.add(option);
            } else {
                arguments.add((ArgumentSpec) part);
            }
        });
        return new CommandSpec(name, description, options, arguments);
    }

    private static ArgumentSpec required(String name, String description, Candidates candidates) {
        return new ArgumentSpec(name, description, true, candidates);
    }

    private static ArgumentSpec optional(String name, String description, Candidates candidates) {
        return new ArgumentSpec(name, description, false, candidates);
    }
}
