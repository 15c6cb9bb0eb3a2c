package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

import io.stowage.shell.command.CommandCatalog;

/** A listing of a store in pages: keys, scan. Karaf reads the options and arguments of superclasses too. */
abstract class PagedStoreAction extends StowageAction {

    // Text, not an int: the shared logic's message for a bad page size beats Karaf's conversion error
    @Option(name = "-n", aliases = "--limit", description = CommandCatalog.LIMIT)
    String limit;

    @Option(name = "-a", aliases = "--after", description = CommandCatalog.AFTER)
    String after;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;
}
