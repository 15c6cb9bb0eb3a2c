package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.ChangeWatch;
import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "watch", description = CommandCatalog.WATCH)
public class Watch extends StowageAction {

    @Option(name = "-v", aliases = "--values", description = CommandCatalog.WATCH_VALUES)
    boolean values;

    // Text, not numbers: the shared logic's messages for a bad value beat Karaf's conversion errors
    @Option(name = "-f", aliases = "--from", description = CommandCatalog.WATCH_FROM)
    String from;

    @Option(name = "-c", aliases = "--count", description = CommandCatalog.WATCH_COUNT)
    String count;

    @Option(name = "-t", aliases = "--timeout", description = CommandCatalog.WATCH_TIMEOUT)
    String timeout;

    @Argument(index = 0, name = "namespace/store", description = CommandCatalog.STORE, required = true)
    @Completion(StoreCompleter.class)
    String store;

    @Argument(index = 1, name = "glob", description = CommandCatalog.WATCH_GLOB)
    String glob;

    @Override
    protected Object run() {
        // A line per change as it comes, on this command's output; Ctrl-C ends the watch
        return new ChangeWatch(admin).watch(store, glob, values, from, count, timeout, System.out::println);
    }
}
