package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** Stores and their namespaces, for what a backup takes. */
@Service
public class StoreOrNamespaceCompleter extends CandidatesCompleter {

    public StoreOrNamespaceCompleter() {
        super(Candidates.STORE_OR_NAMESPACE);
    }
}
