package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "get", description = CommandCatalog.GET)
public class Get extends StowageAction {

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "key", description = CommandCatalog.KEY, required = true)
    @Completion(KeyCompleter.class)
    String key;

    @Override
    protected Object run() {
        return storeCommands().get(store, key);
    }
}
