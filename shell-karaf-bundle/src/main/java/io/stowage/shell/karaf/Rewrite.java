package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "rewrite", description = CommandCatalog.REWRITE)
public class Rewrite extends StowageAction {

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Override
    protected Object run() {
        // A line each thousand entries while the rewrite runs, on this command's output
        return operatorCommands().rewrite(store, System.out::println);
    }
}
