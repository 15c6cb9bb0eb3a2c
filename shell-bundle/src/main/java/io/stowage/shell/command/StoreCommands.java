package io.stowage.shell.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.stowage.admin.CacheStatistics;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Entry;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The commands on the data of stores: read, write, list and clear, as text for either shell. A command returns its
 * result or throws an exception whose message names the problem, so scripts stop at the first failure.
 */
public final class StoreCommands {

    private final StowageAdmin admin;

    public StoreCommands(StowageAdmin admin) {
        this.admin = admin;
    }

    public String namespaces() {
        return ShellText.lines(admin.namespaces(), "no namespace holds data");
    }

    /** @param namespace only this namespace, or null for all */
    public String stores(String namespace) {
        Map<StoreId, List<String>> caches = new HashMap<>();
        for (CacheStatistics cache : admin.cacheStatistics()) {
            caches.computeIfAbsent(cache.store(), store -> new ArrayList<>()).add(cache.cache());
        }
        // A store that a JCache cache runs over says so: its entries are the cache's
        List<String> labels = admin.stores(namespace).stream().map(store -> store.label()
                + (caches.containsKey(store) ? "  (jcache " + String.join(", ", caches.get(store)) + ")" : ""))
                .toList();
        return ShellText.lines(labels, namespace == null ? "no store holds data" : "no store of " + namespace
                + " holds data");
    }

    public String get(String store, String key) {
        try (Store existing = existing(store)) {
            byte[] value = existing.get(key);
            if (value == null) {
                throw new CommandFailure("key '" + key + "' is absent from " + store);
            }
            return ShellText.render(value);
        }
    }

    /** @param ttl a duration such as 30s, or null for none */
    public String put(String store, String key, String value, String ttl) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Duration duration = ttl == null ? null : ShellText.parseDuration(ttl);
        try (Store target = admin.openStore(StoreId.parse(store))) {
            if (duration == null) {
                target.put(key, bytes);
                return "stored " + key;
            }
            target.put(key, bytes, duration);
            return "stored " + key + ", expires in " + duration;
        }
    }

    public String delete(String store, String key) {
        try (Store existing = existing(store)) {
            return existing.delete(key) ? "deleted " + key : "key '" + key + "' was absent";
        }
    }

    public String ttl(String store, String key) {
        try (Store existing = existing(store)) {
            KeyTtl ttl = existing.ttl(key);
            return ttl.expires() ? "expires in " + ttl.remaining() : ttl.toString();
        }
    }

    /** @param limit page size as typed, or null for 100; @param after continue after this key, or null */
    public String keys(String store, String glob, String limit, String after) {
        int pageSize = ShellText.parseLimit(limit);
        try (Store existing = existing(store)) {
            Page<String> page = existing.keys(glob, pageSize, after);
            return ShellText.page(page.items(), page.continuation(), "no key matches " + glob);
        }
    }

    /** @param from first key, null or "-" for open; @param to end key (exclusive), null or "-" for open */
    public String scan(String store, String from, String to, String limit, String after) {
        int pageSize = ShellText.parseLimit(limit);
        try (Store existing = existing(store)) {
            Page<Entry> page = existing.scan(open(from), open(to), pageSize, after);
            List<String> entries = page.items().stream().map(e -> e.key() + " = " + ShellText.render(e.value()))
                    .toList();
            return ShellText.page(entries, page.continuation(), "no key in range");
        }
    }

    public long count(String store) {
        try (Store existing = existing(store)) {
            return existing.count();
        }
    }

    public String clear(String store) {
        try (Store existing = existing(store)) {
            long before = existing.count();
            existing.clear();
            return "cleared " + store + " (" + before + " keys)";
        }
    }

    private static String open(String bound) {
        return bound == null || bound.equals("-") ? null : bound;
    }

    private Store existing(String label) {
        return admin.existingStore(StoreId.parse(label));
    }
}
