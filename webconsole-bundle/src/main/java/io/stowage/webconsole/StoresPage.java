package io.stowage.webconsole;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.TransformCounts;

/**
 * The stores: each known store's configuration, contents (counted by a scan when the page is drawn) and traffic
 * since the kernel started (with the ratio its transforms stored its values at), and live charts of latencies and operations per second that {@code stowage.js} feeds
 * from {@link StatsFeed} every two seconds.
 */
final class StoresPage {

    private StoresPage() {
    }

    static String render(StowageAdmin admin, Exchange exchange) {
        List<StoreStatistics> stores = admin.storeStatistics();
        Html html = new Html();
        html.raw("<h2>Stores</h2>\n");
        if (stores.isEmpty()) {
            html.raw("<p>No store is known yet: none was opened since the kernel started, and none holds data.</p>\n");
        } else {
            html.table("stowage-stores", "Namespace", "Store", "Configuration", "Keys", "Bytes", "Operations",
                    "Errors", "Transactions", "Conflicts", "Transform ratio");
            for (StoreStatistics store : stores) {
                Optional<StoreContents> contents = measure(admin, store);
                String link = exchange.link("/stores/" + Html.component(store.store().namespace()) + "/"
                        + Html.component(store.store().store()) + "/");
                html.raw("<tr><td>").text(store.store().namespace()).raw("</td><td><a href='").raw(Html.attr(link))
                        .raw("'>").text(store.store().store()).raw("</a></td><td>").text(store.configuration())
                        .raw("</td><td>").text(contents.map(c -> Long.toString(c.keys())).orElse("?"))
                        .raw("</td><td>").text(contents.map(c -> Long.toString(c.bytes())).orElse("?"))
                        .raw("</td><td>").text(store.traffic().operations()).raw("</td><td>")
                        .text(store.traffic().errors()).raw("</td><td>").text(store.transactions().commits())
                        .raw("</td><td>").text(store.transactions().conflicts()).raw("</td><td>")
                        .text(ratio(store.transforms())).raw("</td></tr>\n");
            }
            html.endTable();
            html.raw("<p class='stowage-note'>Keys and bytes are counted by a scan of each store now (? when no "
                    + "instance serves it); operations, errors, committed transactions and their conflicts since the kernel "
                    + "started; the transform ratio is the bytes stored for the values written through the store's "
                    + "transforms over their bytes before them (- when none was).</p>\n");
        }
        html.raw("<h2>Live</h2>\n<div id='stowage-charts'><label>Store <select id='stowage-chart-store'>"
                + "<option value=''>all stores</option>");
        for (StoreStatistics store : stores) {
            html.raw("<option value='").raw(Html.attr(store.store().label())).raw("'>").text(store.store().label())
                    .raw("</option>");
        }
        html.raw("</select></label>\n<div id='stowage-chart-latency'></div>\n<div id='stowage-chart-operations'>"
                + "</div>\n<p class='stowage-note' id='stowage-chart-note'>Read and write latency percentiles "
                + "(microseconds, over the last one to two minutes; for all stores, the slowest store's) and "
                + "operations per second, every 2 s.</p></div>\n");
        return html.toString();
    }

    /** "-" until a value went through the store's chain: most stores have none, and 1.00 would suggest one. */
    private static String ratio(TransformCounts transforms) {
        return transforms.encoded() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", transforms.ratio());
    }

    private static Optional<StoreContents> measure(StowageAdmin admin, StoreStatistics store) {
        try {
            return admin.measure(store.store());
        } catch (RuntimeException unavailable) {
            // A backend that is down or updating: the row says "?" rather than the page failing
            return Optional.empty();
        }
    }
}
