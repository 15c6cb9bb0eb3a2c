package io.stowage.kernel.frontend;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Version;

import io.stowage.admin.InstanceState;
import io.stowage.api.Entry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidTtlException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.instance.BackendConfiguration;
import io.stowage.kernel.instance.BackendInstances;
import io.stowage.kernel.instance.InstanceStatus;
import io.stowage.kernel.instance.Extension;
import io.stowage.kernel.migration.StoreBackups;
import io.stowage.kernel.migration.StoreMigrator;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.Names;
import io.stowage.kernel.store.StoreCatalog;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.spi.HotCopy;

/**
 * The {@code stowage:} Gogo commands. Stores are named {@code namespace/store}. Every command returns text or
 * throws an exception with a message naming the problem, so scripts can stop on the first failure.
 */
public final class StowageCommands {

    static final String SCOPE = "stowage";
    static final String[] FUNCTIONS = {"commands", "extensions", "backends", "instances", "move", "migrate", "routes",
            "namespaces", "stores", "get", "put", "delete", "ttl", "keys", "scan", "count", "clear", "stats", "sweep", "backup",
            "restore", "hotcopy"};

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Kernel kernel;
    private final BackendInstances instances;
    private final StoreMigrator migrator;
    private final StoreBackups backups;
    private final CommandOutput output;

    public StowageCommands(Kernel kernel, BackendInstances instances, StoreMigrator migrator, CommandOutput output) {
        this.kernel = kernel;
        this.output = output;
        this.instances = instances;
        this.migrator = migrator;
        this.backups = new StoreBackups(kernel);
    }

    public static Dictionary<String, Object> registrationProperties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", SCOPE);
        properties.put("osgi.command.function", FUNCTIONS);
        return properties;
    }

    // Not named "help": an unscoped help would then resolve to this one and hide felix:help
    @Descriptor("list the stowage commands with a line on each (help stowage:<command> shows its options)")
    public String commands() {
        StringBuilder out = new StringBuilder();
        for (String function : FUNCTIONS) {
            for (java.lang.reflect.Method method : StowageCommands.class.getMethods()) {
                Descriptor descriptor = method.getAnnotation(Descriptor.class);
                if (method.getName().equals(function) && descriptor != null) {
                    out.append(String.format("stowage:%-11s %s%n", function, descriptor.value()));
                }
            }
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("list installed storage extensions: type, version, bundle and the configurations each serves")
    public String extensions() {
        instances.settle();
        List<Extension> extensions = instances.extensions();
        if (extensions.isEmpty()) {
            return output.show("no storage extension installed");
        }
        StringBuilder out = new StringBuilder(String.format("%-10s %-22s %-40s %s%n", "TYPE", "VERSION", "BUNDLE",
                "SERVES"));
        for (Extension extension : extensions) {
            String serves = instances.configurations().stream()
                    .filter(c -> instances.instance(c.name())
                            .filter(i -> i.extension().serviceId() == extension.serviceId()).isPresent())
                    .map(BackendConfiguration::name).collect(Collectors.joining(", "));
            out.append(String.format("%-10s %-22s %-40s %s%n", extension.type(), extension.version(),
                    extension.bundle().getBundleId() + " " + extension.bundle().getSymbolicName(),
                    serves.isEmpty() ? "-" : serves));
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("list backend configurations: name, type, version range, state and capabilities")
    public String backends() {
        instances.settle();
        List<BackendConfiguration> configurations = instances.configurations();
        if (configurations.isEmpty()) {
            return output.show("no backend configuration");
        }
        StringBuilder out = new StringBuilder(String.format("%-12s %-8s %-16s %s%n", "NAME", "TYPE", "VERSIONS",
                "STATE"));
        for (BackendConfiguration configuration : configurations) {
            InstanceStatus status = instances.status(configuration);
            BoundBackend bound = status.bound();
            String state = switch (status.state()) {
                case SERVING -> "serving on " + bound.type() + " " + bound.version() + " " + bound.capabilities();
                case FAILED -> "failed: " + status.reason();
                case WAITING -> status.startFailed() ? status.reason() : "waiting for an extension";
                case UNUSED -> "unused: " + status.reason();
                case STARTING, ENDING -> status.word();
            };
            out.append(String.format("%-12s %-8s %-16s %s%n", configuration.name(), configuration.type(),
                    configuration.versions(), state));
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("list backend instances per extension version: configuration, state, operations in flight and the "
            + "open stores each serves")
    public String instances() {
        instances.settle();
        List<Extension> extensions = instances.extensions();
        if (extensions.isEmpty()) {
            return output.show("no storage extension installed");
        }
        String format = "%-34s %-14s %-9s %-9s %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "EXTENSION", "CONFIGURATION", "STATE", "IN-FLIGHT",
                "OPEN STORES"));
        for (Extension extension : extensions) {
            String label = extension.type() + " " + extension.version() + " (bundle " + extension.bundle().getBundleId()
                    + ")";
            List<BackendInstances.Instance> served = instances.configurations().stream()
                    .flatMap(c -> instances.instance(c.name()).stream())
                    .filter(i -> i.extension().serviceId() == extension.serviceId()).toList();
            if (served.isEmpty()) {
                out.append(String.format(format, label, "-", "idle", "-", "-"));
            }
            for (BackendInstances.Instance instance : served) {
                String name = instance.configuration().name();
                BoundBackend bound = instance.bound();
                String state = instances.status(instance.configuration()).word();
                String stores = kernel.openedRoutes().stream().filter(route -> route.slot().configuration().equals(name))
                        .map(route -> route.label).sorted().collect(Collectors.joining(", "));
                out.append(String.format(format, label, name, state, bound.inFlight().running(),
                        stores.isEmpty() ? "-" : stores));
            }
        }
        for (BackendConfiguration configuration : instances.configurations()) {
            if (instances.instance(configuration.name()).isPresent()) {
                continue;
            }
            if (instances.status(configuration).state() != InstanceState.UNUSED) {
                out.append(String.format(format, "(none)", configuration.name(), "waiting", "-",
                        "for a " + configuration.type() + " extension in " + configuration.versions()));
            } else {
                out.append(String.format(format, "(none)", configuration.name(), "unused", "-",
                        "no store is routed to it"));
            }
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("move a backend configuration to the installed extension of a version (make before break), or "
            + "back to its policy with 'latest'")
    public String move(@Descriptor("backend configuration name") String configuration,
            @Descriptor("extension version, e.g. 1.1.0, or latest") String version) {
        Version target;
        if (version.equals("latest")) {
            target = null;
        } else {
            try {
                target = Version.parseVersion(version);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + version + "' is neither an OSGi version nor 'latest'");
            }
        }
        return output.show(instances.switchTo(configuration, target));
    }

    @Descriptor("copy a store live to another backend configuration, then switch the store to it")
    public String migrate(
            @Descriptor("keep the source's copy (default: delete it after the switch)") @Parameter(
                    names = {"-k", "--keep"}, presentValue = "true", absentValue = "false") boolean keep,
            @Descriptor("namespace/store") String store, @Descriptor("target backend configuration") String target) {
        String[] parts = split(store);
        // Progress lines reach the shell while the copy runs: Gogo gives each command thread the session's output
        return output.show(migrator.migrate(parts[0], parts[1], target, keep, System.out::println));
    }

    @Descriptor("write stores to a portable dump file while applications keep using them: one store, a namespace, "
            + "or all of them")
    public String backup(@Descriptor("the dump file to write") String file,
            @Descriptor("namespace/store or namespace (optional: all stores)") String... what)
            throws java.io.IOException {
        return output.show(backups.backup(Path.of(file).toAbsolutePath(), what.length == 0 ? null : what[0]));
    }

    @Descriptor("load a dump file into the stores it names, in whatever backend serves them; a store that already "
            + "holds keys needs --merge or --replace")
    public String restore(
            @Descriptor("keep the store's keys; the dump's keys overwrite those they share") @Parameter(
                    names = {"-m", "--merge"}, presentValue = "true", absentValue = "false") boolean merge,
            @Descriptor("clear the stores first") @Parameter(
                    names = {"-r", "--replace"}, presentValue = "true", absentValue = "false") boolean replace,
            @Descriptor("the dump file to read") String file) throws java.io.IOException {
        if (merge && replace) {
            throw new IllegalArgumentException("--merge and --replace exclude each other: choose one");
        }
        return output.show(backups.restore(Path.of(file).toAbsolutePath(),
                merge ? StoreBackups.Mode.MERGE : replace ? StoreBackups.Mode.REPLACE : StoreBackups.Mode.REFUSE));
    }

    @Descriptor("copy a backend configuration's own data files while it serves, where its backend can (LMDB: a "
            + "compacting copy that opens as an LMDB backend)")
    public String hotcopy(@Descriptor("backend configuration") String configuration,
            @Descriptor("folder for the copy: new or empty") String folder) {
        if (instances.configurations().stream().noneMatch(c -> c.name().equals(configuration))) {
            throw new IllegalArgumentException("no backend configuration '" + configuration + "'");
        }
        Path target = Path.of(folder).toAbsolutePath();
        long started = System.nanoTime();
        BoundBackend bound = kernel.slot(configuration).enter(kernel.operationTimeoutMillis(),
                "configuration '" + configuration + "'");
        try {
            if (!(bound.backend() instanceof HotCopy copy)) {
                throw new IllegalArgumentException("the " + bound.type() + " backend of configuration '"
                        + configuration + "' cannot copy its files; stowage:backup copies any store");
            }
            copy.copyTo(target);
        } finally {
            bound.exit();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return output.show("copied configuration '" + configuration + "' (" + bound.type() + " " + bound.version()
                + ") to " + target + " in " + millis + " ms");
    }

    @Descriptor("list store routes and the default backend configuration")
    public String routes() {
        StringBuilder out = new StringBuilder("default -> " + kernel.settings().defaultBackend());
        for (RouteRule rule : kernel.rules()) {
            out.append(System.lineSeparator()).append(rule.namespace()).append('/').append(rule.store())
                    .append(" -> ").append(rule.backend());
        }
        return output.show(out.toString());
    }

    @Descriptor("list namespaces that hold data")
    public String namespaces() {
        return output.show(lines(kernel.namespaces(), "no namespace holds data"));
    }

    @Descriptor("list stores that hold data, as namespace/store")
    public String stores(@Descriptor("only this namespace (optional)") String... namespace) {
        String only = namespace.length == 0 ? null : namespace[0];
        List<String> labels = kernel.stores(only).stream().map(StoreCatalog.StoreId::label).toList();
        return output.show(lines(labels, "no store holds data"));
    }

    @Descriptor("print the value of a key")
    public String get(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        byte[] value = existing(store).get(key);
        if (value == null) {
            throw new IllegalArgumentException("key '" + key + "' is absent from " + store);
        }
        return output.show(render(value));
    }

    @Descriptor("store a text value under a key, optionally with a TTL such as 30s, 500ms, 5m, 1h, 2d")
    public String put(
            @Descriptor("time to live, e.g. 30s (default: none)") @Parameter(names = {"-t", "--ttl"},
                    absentValue = "") String ttl,
            @Descriptor("namespace/store") String store, @Descriptor("key") String key,
            @Descriptor("value (UTF-8 text)") String value) {
        Store target = open(store);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (ttl.isEmpty()) {
            target.put(key, bytes);
            return output.show("stored " + key);
        }
        Duration duration = parseDuration(ttl);
        target.put(key, bytes, duration);
        return output.show("stored " + key + ", expires in " + duration);
    }

    @Descriptor("delete a key")
    public String delete(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        return output.show(existing(store).delete(key) ? "deleted " + key : "key '" + key + "' was absent");
    }

    @Descriptor("print a key's remaining time to live")
    public String ttl(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        KeyTtl ttl = existing(store).ttl(key);
        return output.show(ttl.expires() ? "expires in " + ttl.remaining() : ttl.toString());
    }

    @Descriptor("list keys matching a glob: * any run, ? one character, \\ escapes")
    public String keys(
            @Descriptor("page size (default 100)") @Parameter(names = {"-n", "--limit"}, absentValue = "100") int limit,
            @Descriptor("continue after this key") @Parameter(names = {"-a", "--after"}, absentValue = "") String after,
            @Descriptor("namespace/store") String store, @Descriptor("glob, e.g. user:*") String glob) {
        Page<String> page = existing(store).keys(glob, limit, after.isEmpty() ? null : after);
        return output.show(page(page.items(), page.continuation(), "no key matches " + glob));
    }

    @Descriptor("list entries with from <= key < to in key order")
    public String scan(
            @Descriptor("page size (default 100)") @Parameter(names = {"-n", "--limit"}, absentValue = "100") int limit,
            @Descriptor("continue after this key") @Parameter(names = {"-a", "--after"}, absentValue = "") String after,
            @Descriptor("namespace/store") String store,
            @Descriptor("from (inclusive) and to (exclusive), both optional; - for open") String... bounds) {
        if (bounds.length > 2) {
            throw new IllegalArgumentException("scan takes at most two bounds, from and to; got " + bounds.length);
        }
        String from = bounds.length > 0 && !bounds[0].equals("-") ? bounds[0] : null;
        String to = bounds.length > 1 && !bounds[1].equals("-") ? bounds[1] : null;
        Page<Entry> page = existing(store).scan(from, to, limit, after.isEmpty() ? null : after);
        List<String> entries = page.items().stream().map(e -> e.key() + " = " + render(e.value())).toList();
        return output.show(page(entries, page.continuation(), "no key in range"));
    }

    @Descriptor("count the keys of a store")
    public long count(@Descriptor("namespace/store") String store) {
        return existing(store).count();
    }

    @Descriptor("delete every key of a store")
    public String clear(@Descriptor("namespace/store") String store) {
        Store target = existing(store);
        long before = target.count();
        target.clear();
        return output.show("cleared " + store + " (" + before + " keys)");
    }

    @Descriptor("show per-store keys, stored bytes, operation counts, bytes read and written and p99 latencies, "
            + "and per-backend-configuration totals; one store in detail when named")
    public String stats(@Descriptor("namespace/store (optional)") String... store) {
        StatsReport report = new StatsReport(kernel);
        if (store.length > 0) {
            return output.show(report.detail(knownRoute(store[0])));
        }
        instances.settle();
        return output.show(report.overview(kernel.knownRoutes(), InstanceStatistics.of(instances)));
    }

    @Descriptor("remove expired entries now instead of at the next sweep")
    public String sweep() {
        return output.show("removed " + kernel.sweepExpired() + " expired entries");
    }


    /** A store the command may create (put). */
    private Store open(String label) {
        String[] parts = split(label);
        return kernel.open(parts[0], parts[1], null);
    }

    /** A store that must already be known: opened by a bundle or holding data. */
    private Store existing(String label) {
        return kernel.open(knownRoute(label), null);
    }

    private StoreRoute knownRoute(String label) {
        String[] parts = split(label);
        Names.requireNamespace(parts[0]);
        Names.requireStoreName(parts[1]);
        boolean opened = kernel.openedRoutes().stream().anyMatch(r -> r.label.equals(label));
        if (!opened) {
            // Right after a start the store's backend may not be bound yet: it cannot be listed before it is
            kernel.slot(kernel.configurationFor(parts[0], parts[1])).await(kernel.operationTimeoutMillis(), label);
        }
        if (!opened && kernel.stores(parts[0]).stream().noneMatch(id -> id.store().equals(parts[1]))) {
            throw new IllegalArgumentException("unknown store " + label
                    + ": no bundle opened it and it holds no data (stowage:stores lists the stores)");
        }
        return kernel.route(parts[0], parts[1]);
    }

    private static String[] split(String label) {
        int slash = label.lastIndexOf('/');
        if (slash <= 0 || slash == label.length() - 1) {
            throw new InvalidInputException("'" + label + "' does not name a store: use namespace/store");
        }
        return new String[] {label.substring(0, slash), label.substring(slash + 1)};
    }

    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidTtlException("TTL '" + text + "' is not a duration: use e.g. 30s, 500ms, 5m, 1h, 2d or PT30S");
        }
    }

    /** Text when the value is valid UTF-8 without control characters, else hex. */
    static String render(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException binary) {
            // shown as hex below
        }
        return "0x" + HexFormat.of().formatHex(value);
    }

    private static String lines(List<String> items, String whenEmpty) {
        return items.isEmpty() ? whenEmpty : String.join(System.lineSeparator(), items);
    }

    private static String page(List<String> items, String continuation, String whenEmpty) {
        String body = lines(items, whenEmpty);
        return continuation == null ? body
                : body + System.lineSeparator() + "... more: continue with --after '" + continuation + "'";
    }

}
