package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** Namespaces that hold data. */
@Service
public class NamespaceCompleter extends CandidatesCompleter {

    public NamespaceCompleter() {
        super(Candidates.NAMESPACE);
    }
}
