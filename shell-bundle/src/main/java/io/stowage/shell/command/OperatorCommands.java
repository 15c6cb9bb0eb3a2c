package io.stowage.shell.command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
import io.stowage.admin.RewriteResult;
import io.stowage.admin.RouteTable;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Store;

/**
 * The commands that run Stowage rather than read a store: extensions, configurations and instances, routes,
 * statistics, and the live operations, as text for either shell. A command returns its result or throws an exception
 * whose message names the problem, so scripts stop at the first failure.
 */
public final class OperatorCommands {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final StowageAdmin admin;
    private final TypedDataWiring typedData;

    public OperatorCommands(StowageAdmin admin) {
        this(admin, TypedDataWiring.ofThisBundle());
    }

    OperatorCommands(StowageAdmin admin, TypedDataWiring typedData) {
        this.admin = admin;
        this.typedData = typedData;
    }

    public String commands() {
        return CommandCatalog.overview();
    }

    public String extensions() {
        admin.awaitSettled();
        List<ExtensionInfo> extensions = admin.extensions();
        if (extensions.isEmpty()) {
            return "no storage extension installed";
        }
        TextTable table = new TextTable("TYPE", "VERSION", "BUNDLE", "SERVES");
        for (ExtensionInfo extension : extensions) {
            table.row(extension.type(), extension.version(), extension.bundleId() + " "
                    + extension.bundleSymbolicName(),
                    extension.serves().isEmpty() ? "-" : String.join(", ", extension.serves()));
        }
        return table.render();
    }

    public String backends() {
        admin.awaitSettled();
        List<ConfigurationInfo> configurations = admin.configurations();
        if (configurations.isEmpty()) {
            return "no backend configuration";
        }
        TextTable table = new TextTable("NAME", "TYPE", "VERSIONS", "STATE");
        for (ConfigurationInfo configuration : configurations) {
            table.row(configuration.name(), configuration.type(), configuration.versions(),
                    BackendStates.describe(configuration));
        }
        return table.render();
    }

    private static String lowerCase(InstanceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    public String instances() {
        admin.awaitSettled();
        List<ExtensionInfo> extensions = admin.extensions();
        if (extensions.isEmpty()) {
            return "no storage extension installed";
        }
        TextTable table = new TextTable("EXTENSION", "CONFIGURATION", "STATE", ">IN-FLIGHT", "OPEN STORES");
        List<InstanceInfo> instances = admin.instances();
        for (ExtensionInfo extension : extensions) {
            String label = extension.type() + " " + extension.version() + " (bundle " + extension.bundleId() + ")";
            List<InstanceInfo> served = instances.stream()
                    .filter(instance -> instance.extension().serviceId() == extension.serviceId()).toList();
            if (served.isEmpty()) {
                table.row(label, "-", "idle", "-", "-");
            }
            for (InstanceInfo instance : served) {
                String stores = instance.openStores().stream().map(StoreId::label).collect(Collectors.joining(", "));
                table.row(label, instance.configuration(), lowerCase(instance.state()), instance.inFlight(),
                        stores.isEmpty() ? "-" : stores);
            }
        }
        for (ConfigurationInfo configuration : admin.configurations()) {
            if (configuration.hasInstance()) {
                continue;
            }
            if (configuration.state() == InstanceState.UNUSED) {
                table.row("(none)", configuration.name(), "unused", "-", "no store is routed to it");
            } else {
                table.row("(none)", configuration.name(), "waiting", "-",
                        "for a " + configuration.type() + " extension in " + configuration.versions());
            }
        }
        return table.render();
    }

    public String move(String configuration, String version) {
        MoveResult moved = admin.move(configuration, version.equals("latest") ? null : version);
        return moved.served()
                ? "configuration '" + configuration + "' is served by " + moved.instance().extension().label()
                : "configuration '" + configuration + "' is not served: " + moved.reason();
    }

    /**
     * @param progress takes a line on the copy's progress every second, printed as the migration runs
     * @throws InterruptedException when the shell interrupts the command (Ctrl-C); the store then stays where it is
     */
    public String migrate(String store, String target, boolean keep, Consumer<String> progress)
            throws InterruptedException {
        Migration migration = admin.migrate(StoreId.parse(store), target, keep);
        try {
            Optional<MigrationResult> result;
            while ((result = migration.await(PROGRESS_EVERY)).isEmpty()) {
                MigrationProgress now = migration.progress();
                progress.accept(String.format("%s: %d entries copied, %d ms", now.store().label(), now.copied(),
                        now.elapsed().toMillis()));
            }
            return summary(result.get());
        } catch (InterruptedException e) {
            migration.cancel();
            throw e;
        } catch (CancellationException e) {
            throw new CommandFailure("migration of store " + store + " was cancelled; it stays in its source");
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

    /** @param progress takes a line on the counts so far after each thousand entries, printed as the rewrite runs */
    public String rewrite(String store, Consumer<String> progress) {
        RewriteResult done = admin.rewrite(StoreId.parse(store), now -> progress.accept(String.format(
                "%s: %d value(s) scanned, %d rewritten, %d ms", now.store().label(), now.scanned(), now.rewritten(),
                now.took().toMillis())));
        return String.format("rewrote %d of %d value(s) of %s in %d ms (%d already current, %d changed meanwhile "
                + "and rewritten again%s)", done.rewritten(), done.scanned() - done.expired(), done.store().label(),
                done.took().toMillis(), done.alreadyCurrent(), done.changedMeanwhile(),
                done.expired() == 0 ? "" : ", " + done.expired() + " expired left to the sweep");
    }

    /** @param what a namespace/store or a namespace, or null for all stores */
    public String backup(String file, String what) throws IOException {
        BackupResult backup = admin.backup(Path.of(file).toAbsolutePath(), what);
        return String.format("backed up %d entries of %d store(s) to %s in %d ms", backup.entries(),
                backup.stores(), backup.file(), backup.took().toMillis());
    }

    public String restore(String file, boolean merge, boolean replace) throws IOException {
        if (merge && replace) {
            throw new CommandFailure("--merge and --replace exclude each other: choose one");
        }
        RestoreResult restored = admin.restore(Path.of(file).toAbsolutePath(),
                merge ? RestoreMode.MERGE : replace ? RestoreMode.REPLACE : RestoreMode.REFUSE);
        return String.format("restored %d entries into %d store(s) from %s in %d ms%s%s",
                restored.entries(), restored.stores(), restored.file(), restored.took().toMillis(),
                restored.expired() == 0 ? ""
                        : "; " + restored.expired() + " entries expired since the backup were skipped",
                restored.mode() == RestoreMode.MERGE ? " (merged)"
                        : restored.mode() == RestoreMode.REPLACE ? " (stores replaced)" : "");
    }

    public String hotcopy(String configuration, String folder) {
        HotCopyResult copy = admin.hotCopy(configuration, Path.of(folder).toAbsolutePath());
        return "copied configuration '" + copy.configuration() + "' (" + copy.type() + " "
                + copy.version() + ") to " + copy.folder() + " in " + copy.took().toMillis() + " ms";
    }

    public String routes() {
        RouteTable table = admin.routes();
        StringBuilder out = new StringBuilder("default -> " + table.defaultConfiguration());
        for (RouteTable.Route route : table.routes()) {
            out.append(System.lineSeparator()).append(route.namespace()).append('/').append(route.store())
                    .append(" -> ").append(route.configuration());
            if (!route.transforms().isEmpty()) {
                out.append(" through ").append(route.transforms());
            }
        }
        return out.toString();
    }

    /** @param store one store to show in detail, or null for the overview */
    public String stats(String store) {
        StatsReport report = new StatsReport(admin);
        if (store != null) {
            return report.detail(StoreId.parse(store));
        }
        admin.awaitSettled();
        return report.overview();
    }

    public String sweep() {
        return "removed " + admin.sweepExpired() + " expired entries";
    }

    /**
     * Collects the objects of an object store that no named root reaches (the typed-data API's collection, live).
     *
     * @param pageSize keys per step as typed, or null for the API's default
     */
    public String gc(String store, String pageSize) {
        typedData.require("stowage:gc");
        Integer size = pageSize == null ? null : ShellText.parsePageSize("--page-size", pageSize);
        StoreId id = StoreId.parse(store);
        try (Store existing = admin.existingStore(id)) {
            return ObjectGarbage.collect(id, existing, size);
        }
    }
}
