package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;
import io.stowage.shell.command.IndexCommands;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "index", description = CommandCatalog.INDEX_CREATE)
public class Index extends StowageAction {

    @Option(name = "-u", aliases = "--unique", description = CommandCatalog.INDEX_CREATE_UNIQUE)
    boolean unique;

    @Option(name = "-w", aliases = "--wait", description = CommandCatalog.INDEX_CREATE_WAIT)
    boolean await;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "index", description = CommandCatalog.INDEX_NAME, required = true)
    String name;

    @Argument(index = 2, name = "function", description = CommandCatalog.INDEX_FUNCTION, required = true)
    String function;

    @Override
    protected Object run() throws InterruptedException {
        return new IndexCommands(admin).create(store, name, function, unique, await);
    }
}
