package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.IndexCommands;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "lookup", description = CommandCatalog.INDEX_QUERY)
public class Lookup extends StowageAction {

    @Option(name = "-p", aliases = "--prefix", description = CommandCatalog.INDEX_QUERY_PREFIX)
    boolean prefix;

    @Option(name = "-t", aliases = "--to", description = CommandCatalog.INDEX_QUERY_TO)
    String to;

    @Option(name = "-v", aliases = "--values", description = CommandCatalog.INDEX_QUERY_VALUES)
    boolean values;

    // Text, not an int: the shared logic's message for a bad page size beats Karaf's conversion error
    @Option(name = "-n", aliases = "--limit", description = CommandCatalog.LIMIT)
    String limit;

    @Option(name = "-a", aliases = "--after", description = CommandCatalog.INDEX_AFTER)
    String after;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "index", description = CommandCatalog.INDEX_NAME, required = true)
    String index;

    @Argument(index = 2, name = "key", description = CommandCatalog.INDEX_KEY, required = true)
    String key;

    @Override
    protected Object run() {
        return new IndexCommands(admin).query(store, index, key, prefix, to, values, limit, after);
    }
}
