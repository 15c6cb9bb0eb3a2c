package io.stowage.webconsole;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.RestoreMode;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;

/**
 * The live operations' forms: migrate a store (and follow a migration's progress bar, which {@code stowage.js} polls,
 * with its cancel button), move a configuration to an installed version, back up, restore, hot copy. A caller who
 * may not change sees only the backup.
 */
final class OperationsPage {

    private OperationsPage() {
    }

    static String render(StowageAdmin admin, Exchange exchange, Migrations migrations) {
        List<String> stores = new ArrayList<>();
        for (StoreId store : admin.knownStores()) {
            stores.add(store.label());
        }
        List<String> configurations = new ArrayList<>();
        for (ConfigurationInfo configuration : admin.configurations()) {
            configurations.add(configuration.name());
        }
        String token = exchange.token();
        Html html = new Html();
        String followed = exchange.request.parameter("migration");
        Migrations.Watched watched = followed == null ? null : migrations.get(followed);
        if (watched != null) {
            html.raw("<h2>Migration of ").text(watched.migration().progress().store().label())
                    .raw("</h2>\n<div id='stowage-migration' data-id='").raw(Html.attr(followed))
                    .raw("'><div class='stowage-bar'><div class='stowage-bar-done' id='stowage-migration-bar' "
                            + "style='width:0%'></div></div><p id='stowage-migration-text'>starting</p>\n");
            if (exchange.mayChange()) {
                html.form(exchange.link("/operations/migrations/" + Html.component(followed) + "/cancel"), token,
                        "id='stowage-migration-cancel'").raw("<button type='submit'>Cancel</button></form>\n");
            }
            html.raw("</div>\n");
        }
        if (exchange.mayChange()) {
            html.raw("<h2>Migrate a store</h2>\n").form(exchange.link("/operations/migrate"), token,
                    "id='stowage-migrate'").raw("Store ").select("store", stores, null).raw(" to configuration ")
                    .select("target", configurations, null)
                    .raw(" <label><input type='checkbox' name='keepSource' value='true'> keep the source's copy"
                            + "</label> <button type='submit'>Migrate</button></form>\n");
            html.raw("<h2>Move a configuration to an installed version</h2>\n")
                    .form(exchange.link("/operations/move"), token, "id='stowage-move'").raw("Configuration ")
                    .select("configuration", configurations, null).raw(" to version ")
                    .select("version", versions(admin.extensions()), "its version policy (highest in range)")
                    .raw(" <button type='submit'>Move</button></form>\n");
        }
        html.raw("<h2>Back up</h2>\n").form(exchange.link("/operations/backup"), token, "id='stowage-backup'")
                .raw("<input name='selector' placeholder='namespace/store, namespace, or empty for all'> "
                        + "<button type='submit'>Download a backup</button></form>\n");
        if (exchange.mayChange()) {
            List<String> modes = new ArrayList<>();
            for (RestoreMode mode : RestoreMode.values()) {
                modes.add(mode.name());
            }
            html.raw("<h2>Restore</h2>\n").form(exchange.link("/operations/restore"), token,
                    "id='stowage-restore' enctype='multipart/form-data'")
                    .raw("<input type='file' name='dump'> a store that holds keys: ").select("mode", modes, null)
                    .raw(" <button type='submit'>Restore</button></form>\n");
            html.raw("<h2>Hot copy</h2>\n").form(exchange.link("/operations/hotcopy"), token, "id='stowage-hotcopy'")
                    .raw("Copy the data files of ").select("configuration", configurations, null)
                    .raw(" into the folder <input name='folder' placeholder='a new folder on the server'> "
                            + "<button type='submit'>Hot copy</button></form>\n");
        }
        return html.toString();
    }

    private static List<String> versions(List<ExtensionInfo> extensions) {
        TreeSet<String> versions = new TreeSet<>();
        for (ExtensionInfo extension : extensions) {
            versions.add(extension.version());
        }
        return new ArrayList<>(versions);
    }
}
