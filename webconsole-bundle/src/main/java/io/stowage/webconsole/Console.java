package io.stowage.webconsole;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.stowage.admin.StowageAdmin;

/**
 * The plugin's front door, whatever the servlet API: routes a request's sub-path to a page, a JSON feed or a bundle
 * resource, refuses a POST without its session's CSRF token (403) and a change by a caller who may not change (403),
 * and says so plainly while no kernel is there. It holds the operator API only between its bind and unbind.
 */
public final class Console {

    public static final String LABEL = "stowage";
    public static final String TITLE = "Stowage";
    public static final String CATEGORY = "Stowage";

    /** The style sheets the console links into its frame for this plugin (its felix.webconsole.css property). */
    static String[] css() {
        return new String[] {"/" + LABEL + "/res/stowage.css", "/" + LABEL + "/res/uplot/uPlot.min.css"};
    }

    private final AtomicReference<StowageAdmin> admin = new AtomicReference<>();
    private final CsrfTokens tokens = new CsrfTokens();
    private final Migrations migrations = new Migrations();

    /** The kernel's operator API came (or replaced another, greedily). */
    public void adminCame(StowageAdmin came) {
        StowageAdmin before = admin.getAndSet(came);
        if (before != null && before != came) {
            migrations.clear();
        }
    }

    /** The operator API went: the migrations watched belong to the kernel that went, so they are forgotten too. */
    public void adminWent(StowageAdmin went) {
        if (admin.compareAndSet(went, null)) {
            migrations.clear();
        }
    }

    /** Forgets the operator API and every migration handle, so no kernel revision stays reachable from here. */
    public void close() {
        admin.set(null);
        migrations.clear();
    }

    public void handle(ConsoleRequest request, ConsoleResponse response) throws IOException {
        Exchange exchange = new Exchange(request, response, tokens);
        String path = request.path() == null ? "" : request.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith("/res/")) {
            BundleResources.serve(path.substring("/res/".length()), exchange);
            return;
        }
        switch (request.method()) {
            case "GET", "HEAD" -> get(path, exchange);
            case "POST" -> post(path, exchange);
            default -> exchange.refuse(405, "The Stowage console answers GET and POST only.");
        }
    }

    private void get(String path, Exchange exchange) throws IOException {
        StowageAdmin current = admin.get();
        boolean json = path.startsWith("/api/");
        if (current == null) {
            if (json) {
                exchange.json(503, Map.of("error", "the Stowage kernel is not running"));
            } else {
                exchange.page("", "<p class='stowage-error'>The Stowage kernel is not running (no operator API "
                        + "service): there is nothing to show until it starts.</p>");
            }
            return;
        }
        if (path.isEmpty()) {
            exchange.page("", OverviewPage.render(current));
        } else if (path.equals("/stores")) {
            exchange.page("/stores", StoresPage.render(current, exchange));
        } else if (path.startsWith("/stores/")) {
            exchange.page("/stores", KeysPage.render(current, exchange, path.substring("/stores/".length())));
        } else if (path.equals("/operations")) {
            exchange.page("/operations", OperationsPage.render(current, exchange, migrations));
        } else if (path.equals("/api/stats.json")) {
            exchange.json(200, StatsFeed.of(current));
        } else if (path.startsWith("/api/migrations/") && path.endsWith(".json")) {
            String id = path.substring("/api/migrations/".length(), path.length() - ".json".length());
            migrations.report(id, exchange);
        } else {
            exchange.refuse(404, "No such Stowage console page: " + path);
        }
    }

    private void post(String path, Exchange exchange) throws IOException {
        if (!tokens.accepts(exchange.request)) {
            exchange.refuse(403, exchange.request.isMultipart() && exchange.request.parameter(CsrfTokens.FIELD) == null
                    ? "Refused: this console did not pass the upload's form fields to the Stowage plugin, so its CSRF "
                            + "token did not arrive (Karaf's console on Pax Web does not). Restore with JavaScript "
                            + "enabled, which sends the file another way, or from the shell: stowage:restore."
                    : "Refused: the request carries no valid CSRF token (reload the page and try again).");
            return;
        }
        // A backup only reads: whoever may look at the keys may take them home
        boolean reads = path.equals("/operations/backup");
        if (!reads && !exchange.mayChange()) {
            exchange.refuse(403, "Refused: changing Stowage needs the admin role.");
            return;
        }
        StowageAdmin current = admin.get();
        if (current == null) {
            exchange.refuse(503, "The Stowage kernel is not running: nothing was changed.");
            return;
        }
        if (path.startsWith("/stores/") && path.endsWith("/delete")) {
            KeysPage.delete(current, exchange, path.substring("/stores/".length(), path.length() - "/delete".length()));
        } else if (path.startsWith("/operations/")) {
            new Operations(current, exchange, migrations).run(path.substring("/operations/".length()));
        } else {
            exchange.refuse(404, "No such Stowage console action: " + path);
        }
    }
}
