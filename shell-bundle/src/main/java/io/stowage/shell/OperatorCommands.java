package io.stowage.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.stowage.admin.BackupResult;
import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.HotCopyResult;
import io.stowage.admin.InstanceInfo;
import io.stowage.admin.InstanceState;
import io.stowage.admin.Migration;
import io.stowage.admin.MigrationProgress;
import io.stowage.admin.MigrationResult;
import io.stowage.admin.MoveResult;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.RestoreResult;
import io.stowage.admin.RouteTable;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;

/**
 * The commands that run Stowage rather than read a store: extensions, configurations and instances, routes,
 * statistics, and the live operations. Every command returns text or throws an exception whose message names the
 * problem, so scripts stop at the first failure.
 */
@Component(service = OperatorCommands.class, property = {CommandCatalog.SCOPE_PROPERTY,
        "osgi.command.function=commands", "osgi.command.function=extensions", "osgi.command.function=backends",
        "osgi.command.function=instances", "osgi.command.function=move", "osgi.command.function=migrate",
        "osgi.command.function=routes", "osgi.command.function=stats", "osgi.command.function=sweep",
        "osgi.command.function=backup", "osgi.command.function=restore", "osgi.command.function=hotcopy"})
public final class OperatorCommands {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final StowageAdmin admin;
    private final CommandOutput output;

    @Activate
    public OperatorCommands(@Reference StowageAdmin admin, BundleContext context) {
        this(admin, CommandOutput.of(context));
    }

    OperatorCommands(StowageAdmin admin, CommandOutput output) {
        this.admin = admin;
        this.output = output;
    }

    // Not named "help": an unscoped help would then resolve to this one and hide felix:help
    @Descriptor("list the stowage commands with a line on each (help stowage:<command> shows its options)")
    public String commands() {
        return output.show(CommandCatalog.overview());
    }

    @Descriptor("list installed storage extensions: type, version, bundle and the configurations each serves")
    public String extensions() {
        admin.awaitSettled();
        List<ExtensionInfo> extensions = admin.extensions();
        if (extensions.isEmpty()) {
            return output.show("no storage extension installed");
        }
        StringBuilder out = new StringBuilder(String.format("%-10s %-22s %-40s %s%n", "TYPE", "VERSION", "BUNDLE",
                "SERVES"));
        for (ExtensionInfo extension : extensions) {
            out.append(String.format("%-10s %-22s %-40s %s%n", extension.type(), extension.version(),
                    extension.bundleId() + " " + extension.bundleSymbolicName(),
                    extension.serves().isEmpty() ? "-" : String.join(", ", extension.serves())));
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("list backend configurations: name, type, version range, state and capabilities")
    public String backends() {
        admin.awaitSettled();
        List<ConfigurationInfo> configurations = admin.configurations();
        if (configurations.isEmpty()) {
            return output.show("no backend configuration");
        }
        StringBuilder out = new StringBuilder(String.format("%-12s %-8s %-16s %s%n", "NAME", "TYPE", "VERSIONS",
                "STATE"));
        for (ConfigurationInfo configuration : configurations) {
            out.append(String.format("%-12s %-8s %-16s %s%n", configuration.name(), configuration.type(),
                    configuration.versions(), backendState(configuration)));
        }
        return output.show(out.toString().stripTrailing());
    }

    private static String backendState(ConfigurationInfo configuration) {
        return switch (configuration.state()) {
            case SERVING -> "serving on " + configuration.type() + " " + configuration.version() + " "
                    + configuration.capabilities();
            case STARTING, ENDING -> lowerCase(configuration.state()) + " on " + configuration.type() + " "
                    + configuration.version();
            case FAILED -> "failed: " + configuration.reason();
            case WAITING -> configuration.startError().isEmpty() ? "waiting for an extension"
                    : "start failed " + configuration.startError();
            case UNUSED -> "unused: no store is routed to it";
        };
    }

    private static String lowerCase(InstanceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @Descriptor("list backend instances per extension version: configuration, state, operations in flight and the "
            + "open stores each serves")
    public String instances() {
        admin.awaitSettled();
        List<ExtensionInfo> extensions = admin.extensions();
        if (extensions.isEmpty()) {
            return output.show("no storage extension installed");
        }
        String format = "%-34s %-14s %-9s %-9s %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "EXTENSION", "CONFIGURATION", "STATE", "IN-FLIGHT",
                "OPEN STORES"));
        List<InstanceInfo> instances = admin.instances();
        for (ExtensionInfo extension : extensions) {
            String label = extension.type() + " " + extension.version() + " (bundle " + extension.bundleId() + ")";
            List<InstanceInfo> served = instances.stream()
                    .filter(instance -> instance.extension().serviceId() == extension.serviceId()).toList();
            if (served.isEmpty()) {
                out.append(String.format(format, label, "-", "idle", "-", "-"));
            }
            for (InstanceInfo instance : served) {
                String stores = instance.openStores().stream().map(StoreId::label).collect(Collectors.joining(", "));
                out.append(String.format(format, label, instance.configuration(),
                        lowerCase(instance.state()), instance.inFlight(),
                        stores.isEmpty() ? "-" : stores));
            }
        }
        for (ConfigurationInfo configuration : admin.configurations()) {
            if (configuration.hasInstance()) {
                continue;
            }
            if (configuration.state() == InstanceState.UNUSED) {
                out.append(String.format(format, "(none)", configuration.name(), "unused", "-",
                        "no store is routed to it"));
            } else {
                out.append(String.format(format, "(none)", configuration.name(), "waiting", "-",
                        "for a " + configuration.type() + " extension in " + configuration.versions()));
            }
        }
        return output.show(out.toString().stripTrailing());
    }

    @Descriptor("move a backend configuration to the installed extension of a version (make before break), or "
            + "back to its policy with 'latest'")
    public String move(@Descriptor("backend configuration name") String configuration,
            @Descriptor("extension version, e.g. 1.1.0, or latest") String version) {
        MoveResult moved = admin.move(configuration, version.equals("latest") ? null : version);
        return output.show(moved.served()
                ? "configuration '" + configuration + "' is served by " + moved.instance().extension().label()
                : "configuration '" + configuration + "' is not served: " + moved.reason());
    }

    @Descriptor("copy a store live to another backend configuration, then switch the store to it")
    public String migrate(
            @Descriptor("keep the source's copy (default: delete it after the switch)") @Parameter(
                    names = {"-k", "--keep"}, presentValue = "true", absentValue = "false") boolean keep,
            @Descriptor("namespace/store") String store, @Descriptor("target backend configuration") String target)
            throws InterruptedException {
        Migration migration = admin.migrate(StoreId.parse(store), target, keep);
        try {
            Optional<MigrationResult> result;
            while ((result = migration.await(PROGRESS_EVERY)).isEmpty()) {
                // Printed by the command's own thread, to which Gogo gives the session's output
                MigrationProgress progress = migration.progress();
                System.out.println(String.format("%s: %d entries copied, %d ms", progress.store().label(),
                        progress.copied(), progress.elapsed().toMillis()));
            }
            return output.show(summary(result.get()));
        } catch (InterruptedException e) {
            // Ctrl-C in the shell: the store stays where it is
            migration.cancel();
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("migration of store " + store + " was cancelled; it stays in its source");
        }
    }

    private static String summary(MigrationResult result) {
        return String.format("migrated %s from '%s' to '%s': %d entries copied in %d ms; %s; %s",
                result.store().label(), result.source(), result.target(), result.copied(), result.took().toMillis(),
                result.routeSaveError().isEmpty() ? "route saved" : "the route could not be saved ("
                        + result.routeSaveError() + "): it lasts until the kernel restarts",
                result.sourceKept() ? "the source keeps its copy"
                        : result.deleted() + " entries deleted from the source");
    }

    @Descriptor("write stores to a portable dump file while applications keep using them: one store, a namespace, "
            + "or all of them")
    public String backup(@Descriptor("the dump file to write") String file,
            @Descriptor("namespace/store or namespace (optional: all stores)") String... what) throws IOException {
        BackupResult backup = admin.backup(Path.of(file).toAbsolutePath(), what.length == 0 ? null : what[0]);
        return output.show(String.format("backed up %d entries of %d store(s) to %s in %d ms", backup.entries(),
                backup.stores(), backup.file(), backup.took().toMillis()));
    }

    @Descriptor("load a dump file into the stores it names, in whatever backend serves them; a store that already "
            + "holds keys needs --merge or --replace")
    public String restore(
            @Descriptor("keep the store's keys; the dump's keys overwrite those they share") @Parameter(
                    names = {"-m", "--merge"}, presentValue = "true", absentValue = "false") boolean merge,
            @Descriptor("clear the stores first") @Parameter(
                    names = {"-r", "--replace"}, presentValue = "true", absentValue = "false") boolean replace,
            @Descriptor("the dump file to read") String file) throws IOException {
        if (merge && replace) {
            throw new IllegalArgumentException("--merge and --replace exclude each other: choose one");
        }
        RestoreResult restored = admin.restore(Path.of(file).toAbsolutePath(),
                merge ? RestoreMode.MERGE : replace ? RestoreMode.REPLACE : RestoreMode.REFUSE);
        return output.show(String.format("restored %d entries into %d store(s) from %s in %d ms%s%s",
                restored.entries(), restored.stores(), restored.file(), restored.took().toMillis(),
                restored.expired() == 0 ? ""
                        : "; " + restored.expired() + " entries expired since the backup were skipped",
                restored.mode() == RestoreMode.MERGE ? " (merged)"
                        : restored.mode() == RestoreMode.REPLACE ? " (stores replaced)" : ""));
    }

    @Descriptor("copy a backend configuration's own data files while it serves, where its backend can (LMDB: a "
            + "compacting copy that opens as an LMDB backend)")
    public String hotcopy(@Descriptor("backend configuration") String configuration,
            @Descriptor("folder for the copy: new or empty") String folder) {
        HotCopyResult copy = admin.hotCopy(configuration, Path.of(folder).toAbsolutePath());
        return output.show("copied configuration '" + copy.configuration() + "' (" + copy.type() + " "
                + copy.version() + ") to " + copy.folder() + " in " + copy.took().toMillis() + " ms");
    }

    @Descriptor("list store routes and the default backend configuration")
    public String routes() {
        RouteTable table = admin.routes();
        StringBuilder out = new StringBuilder("default -> " + table.defaultConfiguration());
        for (RouteTable.Route route : table.routes()) {
            out.append(System.lineSeparator()).append(route.namespace()).append('/').append(route.store())
                    .append(" -> ").append(route.configuration());
        }
        return output.show(out.toString());
    }

    @Descriptor("show per-store keys, stored bytes, operation counts, bytes read and written and p99 latencies, "
            + "and per-backend-configuration totals; one store in detail when named")
    public String stats(@Descriptor("namespace/store (optional)") String... store) {
        StatsReport report = new StatsReport(admin);
        if (store.length > 0) {
            return output.show(report.detail(StoreId.parse(store[0])));
        }
        admin.awaitSettled();
        return output.show(report.overview());
    }

    @Descriptor("remove expired entries now instead of at the next sweep")
    public String sweep() {
        return output.show("removed " + admin.sweepExpired() + " expired entries");
    }
}
