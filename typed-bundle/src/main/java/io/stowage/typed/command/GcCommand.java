package io.stowage.typed.command;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Store;
import io.stowage.api.StorageException;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStores;

/**
 * {@code stowage:gc <namespace/store>}: deletes the objects of an object store that no named root reaches, while
 * applications keep using it, and prints what it found. The store is named as every {@code stowage:} command names
 * one ({@link StoreId#parse}) and must exist ({@link StowageAdmin#existingStore}); a mistake prints its message
 * alone, and {@code --help} the usage. Arguments come as one array so that a wrong count prints the usage rather than
 * Gogo's coercion error, as shell-bundle's commands do.
 */
@Component(service = GcCommand.class, property = {"osgi.command.scope=stowage", "osgi.command.function=gc"})
public final class GcCommand {

    static final String USAGE = "usage: stowage:gc <namespace/store>\n"
            + "deletes the objects of an object store that no named root reaches, live";

    private final StowageAdmin admin;

    @Activate
    public GcCommand(@Reference StowageAdmin admin) {
        this.admin = admin;
    }

    public String gc(String... arguments) {
        List<String> words = List.of(arguments);
        if (words.contains("--help") || words.contains("-h")) {
            return USAGE;
        }
        if (words.size() != 1) {
            throw new GcFailure("stowage:gc takes 1 argument, got " + words.size() + "\n" + USAGE);
        }
        try {
            StoreId id = StoreId.parse(words.get(0));
            try (Store store = admin.existingStore(id)) {
                return report(id, ObjectStores.collectGarbage(store));
            }
        } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
            throw new GcFailure(e.getMessage());
        }
    }

    private static String report(StoreId id, GarbageCollection run) {
        return "collected " + run.collected() + " object(s) of " + id.label() + " in " + run.duration().toMillis()
                + " ms; " + run.reachable() + " reachable from " + run.roots() + " root(s)";
    }
}
