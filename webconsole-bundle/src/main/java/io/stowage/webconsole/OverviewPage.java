package io.stowage.webconsole;

import java.util.List;
import java.util.Locale;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.StowageAdmin;

/** The overview: the backends' health, the installed extensions and versions, the backend configurations. */
final class OverviewPage {

    private OverviewPage() {
    }

    static String render(StowageAdmin admin) {
        List<ConfigurationInfo> configurations = admin.configurations();
        BackendHealth health = BackendHealth.of(configurations);
        Html html = new Html();
        html.raw("<h2>Health</h2>\n<p id='stowage-health' class='stowage-status-")
                .raw(health.status().name().toLowerCase(Locale.ROOT)).raw("'>Backends: ").text(health.status())
                .raw("</p>\n<ul id='stowage-health-lines'>");
        for (BackendHealth.Line line : health.lines()) {
            html.raw("<li class='stowage-status-").raw(line.status().name().toLowerCase(Locale.ROOT)).raw("'>")
                    .text(line.status()).raw(": ").text(line.text()).raw("</li>");
        }
        html.raw("</ul>\n<h2>Extensions</h2>\n");
        List<ExtensionInfo> extensions = admin.extensions();
        if (extensions.isEmpty()) {
            html.raw("<p>No storage extension is installed.</p>\n");
        } else {
            html.table("stowage-extensions", "Type", "Version", "Bundle", "Serves");
            for (ExtensionInfo extension : extensions) {
                html.row(extension.type(), extension.version(),
                        extension.bundleId() + " " + extension.bundleSymbolicName(), String.join(", ", extension.serves()));
            }
            html.endTable();
        }
        html.raw("<h2>Backend configurations</h2>\n<p>Stores go to <b>").text(admin.routes().defaultConfiguration())
                .raw("</b> unless a route says otherwise.</p>\n");
        if (configurations.isEmpty()) {
            html.raw("<p>No backend configuration exists.</p>\n");
        } else {
            html.table("stowage-configurations", "Name", "Type", "Versions", "State", "Running version",
                    "In flight", "Reason");
            for (ConfigurationInfo configuration : configurations) {
                String reason = configuration.reason();
                if (!configuration.startError().isEmpty()) {
                    reason = reason.isEmpty() ? configuration.startError()
                            : reason + "; last start: " + configuration.startError();
                }
                html.row(configuration.name(), configuration.type(), configuration.versions(),
                        configuration.state().name().toLowerCase(Locale.ROOT), configuration.version(),
                        configuration.inFlight(), reason);
            }
            html.endTable();
        }
        return html.toString();
    }
}
