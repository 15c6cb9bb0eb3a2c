package io.stowage.shell;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Entry;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The commands on the data of stores: read, write, list and clear. Every command returns text or throws an
 * exception whose message names the problem, so scripts stop at the first failure.
 */
@Component(service = StoreCommands.class, property = {CommandCatalog.SCOPE_PROPERTY,
        "osgi.command.function=namespaces", "osgi.command.function=stores", "osgi.command.function=get",
        "osgi.command.function=put", "osgi.command.function=delete", "osgi.command.function=ttl",
        "osgi.command.function=keys", "osgi.command.function=scan", "osgi.command.function=count",
        "osgi.command.function=clear"})
public final class StoreCommands {

    private final StowageAdmin admin;
    private final CommandOutput output;

    @Activate
    public StoreCommands(@Reference StowageAdmin admin, BundleContext context) {
        this(admin, CommandOutput.of(context));
    }

    StoreCommands(StowageAdmin admin, CommandOutput output) {
        this.admin = admin;
        this.output = output;
    }

    @Descriptor("list namespaces that hold data")
    public String namespaces() {
        return output.show(ShellText.lines(admin.namespaces(), "no namespace holds data"));
    }

    @Descriptor("list stores that hold data, as namespace/store")
    public String stores(@Descriptor("only this namespace (optional)") String... namespace) {
        String only = namespace.length == 0 ? null : namespace[0];
        List<String> labels = admin.stores(only).stream().map(StoreId::label).toList();
        return output.show(ShellText.lines(labels, "no store holds data"));
    }

    @Descriptor("print the value of a key")
    public String get(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        try (Store existing = existing(store)) {
            byte[] value = existing.get(key);
            if (value == null) {
                throw new IllegalArgumentException("key '" + key + "' is absent from " + store);
            }
            return output.show(ShellText.render(value));
        }
    }

    @Descriptor("store a text value under a key, optionally with a TTL such as 30s, 500ms, 5m, 1h, 2d")
    public String put(
            @Descriptor("time to live, e.g. 30s (default: none)") @Parameter(names = {"-t", "--ttl"},
                    absentValue = "") String ttl,
            @Descriptor("namespace/store") String store, @Descriptor("key") String key,
            @Descriptor("value (UTF-8 text)") String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try (Store target = admin.openStore(StoreId.parse(store))) {
            if (ttl.isEmpty()) {
                target.put(key, bytes);
                return output.show("stored " + key);
            }
            Duration duration = ShellText.parseDuration(ttl);
            target.put(key, bytes, duration);
            return output.show("stored " + key + ", expires in " + duration);
        }
    }

    @Descriptor("delete a key")
    public String delete(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        try (Store existing = existing(store)) {
            return output.show(existing.delete(key) ? "deleted " + key : "key '" + key + "' was absent");
        }
    }

    @Descriptor("print a key's remaining time to live")
    public String ttl(@Descriptor("namespace/store") String store, @Descriptor("key") String key) {
        try (Store existing = existing(store)) {
            KeyTtl ttl = existing.ttl(key);
            return output.show(ttl.expires() ? "expires in " + ttl.remaining() : ttl.toString());
        }
    }

    @Descriptor("list keys matching a glob: * any run, ? one character, \\ escapes")
    public String keys(
            @Descriptor("page size (default 100)") @Parameter(names = {"-n", "--limit"}, absentValue = "100") int limit,
            @Descriptor("continue after this key") @Parameter(names = {"-a", "--after"}, absentValue = "") String after,
            @Descriptor("namespace/store") String store, @Descriptor("glob, e.g. user:*") String glob) {
        try (Store existing = existing(store)) {
            Page<String> page = existing.keys(glob, limit, after.isEmpty() ? null : after);
            return output.show(ShellText.page(page.items(), page.continuation(), "no key matches " + glob));
        }
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
        try (Store existing = existing(store)) {
            Page<Entry> page = existing.scan(from, to, limit, after.isEmpty() ? null : after);
            List<String> entries = page.items().stream().map(e -> e.key() + " = " + ShellText.render(e.value()))
                    .toList();
            return output.show(ShellText.page(entries, page.continuation(), "no key in range"));
        }
    }

    @Descriptor("count the keys of a store")
    public long count(@Descriptor("namespace/store") String store) {
        try (Store existing = existing(store)) {
            return existing.count();
        }
    }

    @Descriptor("delete every key of a store")
    public String clear(@Descriptor("namespace/store") String store) {
        try (Store existing = existing(store)) {
            long before = existing.count();
            existing.clear();
            return output.show("cleared " + store + " (" + before + " keys)");
        }
    }

    private Store existing(String label) {
        return admin.existingStore(StoreId.parse(label));
    }
}
