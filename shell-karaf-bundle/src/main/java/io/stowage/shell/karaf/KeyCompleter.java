package io.stowage.shell.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** The first keys of the store the command line names before the key. */
@Service
public class KeyCompleter extends CandidatesCompleter {

    public KeyCompleter() {
        super(Candidates.KEY);
    }

    /** Any key may be typed, one the store does not hold yet too, so a key before the cursor never stops Tab. */
    @Override
    List<String> acceptable(String word) {
        return List.of(word);
    }
}
