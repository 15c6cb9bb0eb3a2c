package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "stores", description = CommandCatalog.STORES)
public class Stores extends StowageAction {

    @Argument(index = 0, name = "namespace", description = CommandCatalog.STORES_NAMESPACE)
    @Completion(NamespaceCompleter.class)
    String namespace;

    @Override
    protected Object run() {
        return storeCommands().stores(namespace);
    }
}
