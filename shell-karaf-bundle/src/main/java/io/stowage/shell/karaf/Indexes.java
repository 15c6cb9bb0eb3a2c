package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.IndexCommands;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "indexes", description = CommandCatalog.INDEXES)
public class Indexes extends StowageAction {

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE)
    @Completion(StoreCompleter.class)
    String store;

    @Override
    protected Object run() {
        return new IndexCommands(admin).list(store);
    }
}
