package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "put", description = CommandCatalog.PUT)
public class Put extends StowageAction {

    @Option(name = "-t", aliases = "--ttl", description = CommandCatalog.PUT_TTL)
    String ttl;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "key", description = CommandCatalog.KEY, required = true)
    @Completion(KeyCompleter.class)
    String key;

    @Argument(index = 2, name = "value", description = CommandCatalog.PUT_VALUE, required = true)
    String value;

    @Override
    protected Object run() {
        return storeCommands().put(store, key, value, ttl);
    }
}
