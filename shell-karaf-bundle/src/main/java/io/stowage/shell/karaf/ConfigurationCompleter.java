package io.stowage.shell.karaf;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** Backend configuration names. */
@Service
public class ConfigurationCompleter extends CandidatesCompleter {

    public ConfigurationCompleter() {
        super(Candidates.CONFIGURATION);
    }
}
