package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.IndexCommands;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "dropindex", description = CommandCatalog.INDEX_DROP)
public class Dropindex extends StowageAction {

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "index", description = CommandCatalog.INDEX_NAME, required = true)
    String name;

    @Override
    protected Object run() {
        return new IndexCommands(admin).drop(store, name);
    }
}
