package io.stowage.shell.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.stowage.shell.command.Candidates;

/** The installed versions of the extension type of the configuration typed before, and {@code latest}. */
@Service
public class VersionCompleter extends CandidatesCompleter {

    public VersionCompleter() {
        super(Candidates.VERSION);
    }

    /** Any version may be typed: one not installed yet is the command's to refuse, with its reason. */
    @Override
    List<String> acceptable(String word) {
        return List.of(word);
    }
}
