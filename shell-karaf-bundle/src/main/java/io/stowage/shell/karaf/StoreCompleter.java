package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** Every store that holds data or was opened since the kernel started, as namespace/store. */
@Service
public class StoreCompleter extends CandidatesCompleter {

    public StoreCompleter() {
        super(Candidates.STORE);
    }
}
