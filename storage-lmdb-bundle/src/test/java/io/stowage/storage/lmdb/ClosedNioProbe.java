package io.stowage.storage.lmdb;

import java.nio.file.Path;

import io.stowage.api.BackendUnavailableException;
import io.stowage.testlog.Loggers;

/**
 * A JVM of {@link NioAccessTest}'s, started without lmdbjava's JVM options: opens a backend in the folder given and
 * prints the message it fails with, or "opened".
 */
public final class ClosedNioProbe {

    private ClosedNioProbe() {
    }

    public static void main(String[] args) {
        try {
            LmdbBackend.outsideFramework("probe", Path.of(args[0]), 1, 8, Loggers.silent()).close();
            System.out.println("opened");
        } catch (BackendUnavailableException e) {
            System.out.println(e.getMessage());
        }
    }
}
