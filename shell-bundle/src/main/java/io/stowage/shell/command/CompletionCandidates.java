package io.stowage.shell.command;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * What Tab offers for an argument, in both shells: store, namespace and configuration names, extension versions, and
 * the keys of the store a command line names. Completion must never fail a command line, so a question the operator
 * API cannot answer now offers nothing.
 */
public final class CompletionCandidates {

    /** As many keys as Tab lists: more would scroll the prompt away. */
    private static final int KEYS_OFFERED = 100;

    private final StowageAdmin admin;

    public CompletionCandidates(StowageAdmin admin) {
        this.admin = admin;
    }

    /**
     * The candidates for the word at {@code index} of a command line.
     *
     * @param words the command line's words, the command itself first
     */
    public List<String> forWord(CommandSpec spec, List<String> words, int index) {
        Optional<ArgumentSpec> argument = spec.argumentAt(words, index);
        if (argument.isEmpty()) {
            return List.of();
        }
        List<String> typed = spec.positional(words.subList(0, Math.min(index, words.size())));
        return of(argument.get().candidates(), typed);
    }

    /** @param positional the positional arguments typed before the one being completed */
    public List<String> of(Candidates kind, List<String> positional) {
        try {
            return switch (kind) {
                case STORE -> stores();
                case NAMESPACE -> admin.namespaces();
                case STORE_OR_NAMESPACE -> sorted(Stream.concat(stores().stream(), admin.namespaces().stream()));
                case KEY -> positional.isEmpty() ? List.of() : keys(positional.get(0));
                case CONFIGURATION -> admin.configurations().stream().map(ConfigurationInfo::name).toList();
                case VERSION -> positional.isEmpty() ? List.of() : versions(positional.get(0));
                case FILE, NONE -> List.of();
            };
        } catch (RuntimeException unanswerable) {
            return List.of();
        }
    }

    private List<String> stores() {
        return sorted(Stream.concat(admin.knownStores().stream(), admin.stores(null).stream()).map(StoreId::label));
    }

    private List<String> keys(String store) {
        try (Store existing = admin.existingStore(StoreId.parse(store))) {
            Page<String> keys = existing.keys("*", KEYS_OFFERED, null);
            return keys.items();
        }
    }

    /** The versions installed of the configuration's extension type, and "latest". */
    private List<String> versions(String configuration) {
        String type = admin.configuration(configuration).map(ConfigurationInfo::type).orElse(null);
        Stream<String> versions = admin.extensions().stream().filter(e -> type == null || e.type().equals(type))
                .map(ExtensionInfo::version);
        return sorted(Stream.concat(versions, Stream.of("latest")));
    }

    private static List<String> sorted(Stream<String> values) {
        return List.copyOf(values.collect(TreeSet::new, TreeSet::add, TreeSet::addAll));
    }
}
