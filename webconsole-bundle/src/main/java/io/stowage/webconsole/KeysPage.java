package io.stowage.webconsole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.StorageException;
import io.stowage.api.Store;

/**
 * A store's keys: those matching a glob, a page at a time (the cursor is the previous page's continuation), and one
 * key's value as UTF-8 or hex with its TTL, which an admin may delete; then the store's indexes
 * ({@link IndexUsageTable}). Keys and values are user data: all encoded.
 */
final class KeysPage {

    static final int PAGE_SIZE = 50;
    /** Longer values are cut on screen: a page is no place for megabytes. */
    static final int SHOWN_BYTES = 16 * 1024;

    private KeysPage() {
    }

    static String render(StowageAdmin admin, Exchange exchange, String label) {
        Html html = new Html();
        StoreId id;
        try {
            id = StoreId.parse(label);
        } catch (RuntimeException e) {
            return html.raw("<p class='stowage-error'>").text(e.getMessage()).raw("</p>").toString();
        }
        String glob = exchange.request.parameter("glob");
        glob = glob == null || glob.isEmpty() ? "*" : glob;
        String cursor = exchange.request.parameter("cursor");
        cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        String self = storeLink(exchange, id);
        html.raw("<h2>Store ").text(id.label()).raw("</h2>\n<form method='get' action='").raw(Html.attr(self))
                .raw("' id='stowage-filter'>Keys matching <input name='glob' value='").raw(Html.attr(glob))
                .raw("'> <button type='submit'>Filter</button> <span class='stowage-note'>* any run, ? one character,"
                        + " \\ escapes</span></form>\n");
        try (Store store = admin.existingStore(id)) {
            String key = exchange.request.parameter("key");
            if (key != null && !key.isEmpty()) {
                value(html, exchange, store, id, key);
            }
            Page<String> page = store.keys(glob, PAGE_SIZE, cursor);
            html.table("stowage-keys", "Key");
            for (String each : page.items()) {
                String link = self + "?glob=" + Html.component(glob) + "&key=" + Html.component(each);
                html.raw("<tr><td><a href='").raw(Html.attr(link)).raw("'>").text(each).raw("</a></td></tr>\n");
            }
            html.endTable();
            if (page.items().isEmpty()) {
                html.raw("<p>No key matches.</p>\n");
            }
            html.raw("<p class='stowage-paging'>");
            if (cursor != null) {
                html.raw("<a href='").raw(Html.attr(self + "?glob=" + Html.component(glob))).raw("'>First page</a> ");
            }
            if (page.hasMore()) {
                html.raw("<a id='stowage-next' href='").raw(Html.attr(self + "?glob=" + Html.component(glob)
                        + "&cursor=" + Html.component(page.continuation()))).raw("'>Next page</a>");
            }
            html.raw("</p>\n");
            IndexUsageTable.render(html, admin, id);
        } catch (InvalidPatternException e) {
            html.raw("<p class='stowage-error' id='stowage-bad-glob'>Bad glob ").text(glob).raw(": ")
                    .text(e.getMessage()).raw("</p>\n");
        } catch (StorageException e) {
            html.raw("<p class='stowage-error'>").text(e.getMessage()).raw("</p>\n");
        }
        return html.toString();
    }

    private static void value(Html html, Exchange exchange, Store store, StoreId id, String key) {
        byte[] value = store.get(key);
        html.raw("<div id='stowage-value'><h3>Key ").text(key).raw("</h3>\n");
        if (value == null) {
            html.raw("<p>The key is absent (deleted or expired).</p></div>\n");
            return;
        }
        KeyTtl ttl = store.ttl(key);
        String as = exchange.request.parameter("as");
        String utf8 = strictUtf8(value);
        boolean hex = "hex".equals(as) || utf8 == null;
        String shownLink = storeLink(exchange, id) + "?key=" + Html.component(key) + "&as=" + (hex ? "utf8" : "hex");
        html.raw("<p>").text(value.length + " bytes, ").text(ttl.expires() ? "expires in " + seconds(ttl)
                : ttl.isPresent() ? "no expiry" : "gone").raw(", shown as ").text(hex ? "hex" : "UTF-8");
        if (utf8 != null) {
            html.raw(" (<a href='").raw(Html.attr(shownLink)).raw("'>show as ").text(hex ? "UTF-8" : "hex")
                    .raw("</a>)");
        }
        html.raw("</p>\n<pre id='stowage-value-text'>");
        int shown = Math.min(value.length, SHOWN_BYTES);
        if (hex) {
            html.text(HexFormat.ofDelimiter(" ").formatHex(value, 0, shown));
        } else {
            html.text(utf8.length() > SHOWN_BYTES ? utf8.substring(0, SHOWN_BYTES) : utf8);
        }
        html.raw("</pre>\n");
        if (value.length > SHOWN_BYTES) {
            html.raw("<p class='stowage-note'>Only the first ").text(SHOWN_BYTES).raw(" are shown.</p>\n");
        }
        if (exchange.mayChange()) {
            html.form(storeLink(exchange, id) + "delete", exchange.token(), "id='stowage-delete'")
                    .raw("<input type='hidden' name='key' value='").raw(Html.attr(key))
                    .raw("'><button type='submit'>Delete this key</button></form>\n");
        }
        html.raw("</div>\n");
    }

    /** Deletes the key named by the form, and shows the store again with what happened. */
    static void delete(StowageAdmin admin, Exchange exchange, String label) throws IOException {
        String key = exchange.request.parameter("key");
        StoreId id;
        try {
            id = StoreId.parse(label);
        } catch (RuntimeException e) {
            exchange.refuse(404, e.getMessage());
            return;
        }
        String back = "/stores/" + Html.component(id.namespace()) + "/" + Html.component(id.store()) + "/";
        if (key == null || key.isEmpty()) {
            exchange.flash("Nothing deleted: no key was named.");
        } else {
            try (Store store = admin.existingStore(id)) {
                exchange.flash(store.delete(key) ? "Deleted key " + key + " of " + id.label() + "."
                        : "Key " + key + " of " + id.label() + " was already absent.");
            } catch (RuntimeException e) {
                exchange.flash("Could not delete key " + key + ": " + e.getMessage());
            }
        }
        exchange.redirect(back);
    }

    private static String storeLink(Exchange exchange, StoreId id) {
        return exchange.link("/stores/" + Html.component(id.namespace()) + "/" + Html.component(id.store()) + "/");
    }

    private static String seconds(KeyTtl ttl) {
        long seconds = ttl.remaining().toSeconds();
        return seconds == 0 ? "under a second" : seconds + " s";
    }

    /** The value as text if it is well-formed UTF-8, else null. */
    private static String strictUtf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
