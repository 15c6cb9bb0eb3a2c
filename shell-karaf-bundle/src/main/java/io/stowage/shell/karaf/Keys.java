package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "keys", description = CommandCatalog.KEYS)
public class Keys extends StowageAction {

    // Text, not an int: the shared logic's message for a bad page size beats Karaf's conversion error
    @Option(name = "-n", aliases = "--limit", description = CommandCatalog.LIMIT)
    String limit;

    @Option(name = "-a", aliases = "--after", description = CommandCatalog.AFTER)
    String after;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "glob", description = CommandCatalog.KEYS_GLOB, required = true)
    String glob;

    @Override
    protected Object run() {
        return storeCommands().keys(store, glob, limit, after);
    }
}
