package io.stowage.shell.karaf;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.stowage.shell.command.CommandCatalog;

@Service
@Command(scope = CommandCatalog.SCOPE, name = "backup", description = CommandCatalog.BACKUP)
public class Backup extends StowageAction {

    @Argument(index = 0, name = "file", description = CommandCatalog.BACKUP_FILE, required = true)
    @Completion(FileCompleter.class)
    String file;

    @Argument(index = 1, name = "what", description = CommandCatalog.BACKUP_WHAT)
    @Completion(StoreOrNamespaceCompleter.class)
    String what;

    @Override
    protected Object run() throws IOException {
        return operatorCommands().backup(file, what);
    }
}
