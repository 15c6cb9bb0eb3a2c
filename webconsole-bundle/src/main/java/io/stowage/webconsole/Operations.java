package io.stowage.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import io.stowage.admin.BackupResult;
import io.stowage.admin.HotCopyResult;
import io.stowage.admin.Migration;
import io.stowage.admin.MoveResult;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.RestoreResult;
import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;

/**
 * The operations' POSTs, CSRF already checked: each runs through the operator API and shows the operations page
 * again with what happened (a failure's message included), except the backup, which answers with the dump file.
 */
final class Operations {

    private final StowageAdmin admin;
    private final Exchange exchange;
    private final Migrations migrations;

    Operations(StowageAdmin admin, Exchange exchange, Migrations migrations) {
        this.admin = admin;
        this.exchange = exchange;
        this.migrations = migrations;
    }

    void run(String action) {
        try {
            if (action.equals("migrate")) {
                migrate();
            } else if (action.startsWith("migrations/") && action.endsWith("/cancel")) {
                cancel(action.substring("migrations/".length(), action.length() - "/cancel".length()));
            } else if (action.equals("move")) {
                move();
            } else if (action.equals("backup")) {
                backup();
            } else if (action.equals("restore")) {
                restore();
            } else if (action.equals("hotcopy")) {
                hotCopy();
            } else {
                throw new IllegalArgumentException("no such Stowage operation: " + action);
            }
        } catch (RuntimeException | IOException e) {
            // Bad input and failures of the operation alike: the operator reads why on the page
            exchange.flash("Failed: " + e.getMessage());
            exchange.redirect("/operations");
        }
    }

    private void migrate() {
        StoreId store = StoreId.parse(required("store"));
        String target = required("target");
        long total = admin.measure(store).map(StoreContents::keys).orElse(0L);
        Migration migration = admin.migrate(store, target, "true".equals(exchange.request.parameter("keepSource")));
        String id = migrations.add(migration, total);
        exchange.redirect("/operations?migration=" + id);
    }

    private void cancel(String id) {
        Migrations.Watched watched = migrations.get(id);
        if (watched == null) {
            exchange.flash("No migration " + id + " is known to this console.");
        } else {
            exchange.flash(watched.migration().cancel() ? "Migration " + id + " cancelled: the store stays where it was."
                    : "Migration " + id + " could not be cancelled: it switched or ended already.");
        }
        exchange.redirect("/operations?migration=" + Html.component(id));
    }

    private void move() {
        String configuration = required("configuration");
        String version = exchange.request.parameter("version");
        MoveResult result = admin.move(configuration, version == null || version.isEmpty() ? null : version);
        exchange.flash(result.served() ? "Configuration " + configuration + " now runs on "
                + result.instance().extension().label() + "." : "Configuration " + configuration
                + " is not served: " + result.reason());
        exchange.redirect("/operations");
    }

    private void backup() throws IOException {
        String selector = exchange.request.parameter("selector");
        selector = selector == null || selector.isBlank() ? null : selector.trim();
        Path folder = Files.createTempDirectory("stowage-backup");
        Path file = folder.resolve("stowage.dump");
        try {
            BackupResult result = admin.backup(file, selector);
            String name = "stowage-" + (selector == null ? "all" : selector.replaceAll("[^A-Za-z0-9._-]", "_"))
                    + ".dump";
            exchange.response.contentType("application/octet-stream");
            exchange.response.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
            exchange.response.header("X-Stowage-Entries", Long.toString(result.entries()));
            try (InputStream in = Files.newInputStream(file)) {
                OutputStream out = exchange.response.output();
                in.transferTo(out);
                out.flush();
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }

    private void restore() throws IOException {
        RestoreMode mode;
        try {
            mode = RestoreMode.valueOf(required("mode").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the restore mode must be REFUSE, MERGE or REPLACE");
        }
        Path file = Files.createTempFile("stowage-restore", ".dump");
        try {
            try (InputStream in = exchange.request.upload("dump")) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(file) == 0) {
                throw new IllegalArgumentException("the uploaded dump is empty: choose a backup file");
            }
            RestoreResult result = admin.restore(file, mode);
            exchange.flash("Restored " + result.entries() + " entries into " + result.stores() + " stores ("
                    + result.expired() + " expired since the backup were skipped), mode " + result.mode() + ".");
        } finally {
            Files.deleteIfExists(file);
        }
        exchange.redirect("/operations");
    }

    private void hotCopy() {
        String configuration = required("configuration");
        Path folder = Path.of(required("folder"));
        HotCopyResult result = admin.hotCopy(configuration, folder);
        exchange.flash("Copied " + result.configuration() + " (" + result.type() + " " + result.version() + ") into "
                + result.folder() + " in " + result.took().toMillis() + " ms.");
        exchange.redirect("/operations");
    }

    private String required(String name) {
        String value = exchange.request.parameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + name + " was given");
        }
        return value;
    }
}
