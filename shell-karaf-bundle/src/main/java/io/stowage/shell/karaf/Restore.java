package io.stowage.shell.karaf;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "restore", description = CommandCatalog.RESTORE)
public class Restore extends StowageAction {

    @Option(name = "-m", aliases = "--merge", description = CommandCatalog.RESTORE_MERGE)
    boolean merge;

    @Option(name = "-r", aliases = "--replace", description = CommandCatalog.RESTORE_REPLACE)
    boolean replace;

    @Argument(index = 0, name = "file", description = CommandCatalog.RESTORE_FILE, required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object run() throws IOException {
        return operatorCommands().restore(file, merge, replace);
    }
}
