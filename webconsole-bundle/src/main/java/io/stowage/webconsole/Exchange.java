package io.stowage.webconsole;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * One request and its response as the pages see them: links under the plugin's root, the session's CSRF token and
 * one-time message, and the ways a page answers (an HTML fragment in the console's frame, JSON, a redirect after a
 * POST, a refusal).
 */
final class Exchange {

    private static final String FLASH = "io.stowage.webconsole.flash";

    final ConsoleRequest request;
    final ConsoleResponse response;
    private final CsrfTokens tokens;

    Exchange(ConsoleRequest request, ConsoleResponse response, CsrfTokens tokens) {
        this.request = request;
        this.response = response;
        this.tokens = tokens;
    }

    /** The URL of a sub-path of the plugin ({@code /stores}), already encoded by the caller where it holds data. */
    String link(String subPath) {
        return request.root() + subPath;
    }

    String token() {
        return tokens.token(request.session());
    }

    boolean mayChange() {
        return request.caller().mayChange();
    }

    /** Shows the message once, on the next page this session sees. */
    void flash(String message) {
        request.session().attribute(FLASH, message);
    }

    private String takeFlash() {
        String message = request.session().attribute(FLASH);
        if (message != null) {
            request.session().attribute(FLASH, null);
        }
        return message;
    }

    /** Writes a page: the tabs, the one-time message if any, and the body (already encoded HTML). */
    void page(String tab, String body) throws IOException {
        Html html = new Html();
        html.raw("<div id='stowage' class='stowage' data-root='").raw(Html.attr(request.root()))
                .raw("' data-csrf='").raw(Html.attr(token())).raw("'>\n<nav class='stowage-tabs'>");
        tab(html, "", "Overview", tab);
        tab(html, "/stores", "Stores", tab);
        tab(html, "/operations", "Operations", tab);
        html.raw("</nav>\n");
        String flash = takeFlash();
        if (flash != null) {
            html.raw("<p class='stowage-message' id='stowage-message'>").text(flash).raw("</p>\n");
        }
        if (!mayChange()) {
            html.raw("<p class='stowage-note'>You may look, not change: changes need the admin role.</p>\n");
        }
        html.raw(body);
        html.raw("</div>\n<script src='").raw(Html.attr(link("/res/uplot/uPlot.iife.min.js")))
                .raw("'></script>\n<script src='").raw(Html.attr(link("/res/stowage.js"))).raw("'></script>\n");
        response.contentType("text/html; charset=UTF-8");
        PrintWriter writer = response.writer();
        writer.write(html.toString());
        writer.flush();
    }

    private void tab(Html html, String subPath, String label, String current) {
        html.raw("<a href='").raw(Html.attr(link(subPath))).raw("'")
                .raw(subPath.equals(current) ? " class='stowage-current'" : "").raw(">").text(label).raw("</a> ");
    }

    void json(int status, Object value) throws IOException {
        response.status(status);
        response.contentType("application/json; charset=UTF-8");
        response.header("Cache-Control", "no-store");
        PrintWriter writer = response.writer();
        writer.write(Json.write(value));
        writer.flush();
    }

    /** Post/redirect/get: the browser shows the page again rather than the POST's answer. */
    void redirect(String subPath) {
        response.status(303);
        response.header("Location", link(subPath));
    }

    /** A plain-text refusal (403 without a CSRF token, 404, 405, 503). */
    void refuse(int status, String message) throws IOException {
        response.status(status);
        response.contentType("text/plain; charset=UTF-8");
        PrintWriter writer = response.writer();
        writer.write(message);
        writer.flush();
    }
}
