package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "gc", description = CommandCatalog.GC)
public class Gc extends StowageAction {

    // Text, not an int: the shared logic's message for a bad page size beats Karaf's conversion error
    @Option(name = "-p", aliases = "--page-size", description = CommandCatalog.GC_PAGE_SIZE)
    String pageSize;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Override
    protected Object run() {
        return operatorCommands().gc(store, pageSize);
    }
}
