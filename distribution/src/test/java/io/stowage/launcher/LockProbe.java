package io.stowage.launcher;

import java.nio.file.Path;

/** Tries to lock a data folder from a second process, as a second runtime would: exit 0 if locked, 2 if refused. */
public final class LockProbe {

    private LockProbe() {
    }

    @SuppressWarnings("try") // acquiring is the test; the lock is released on the way out
    public static void main(String[] args) throws Exception {
        try (DataFolderLock lock = DataFolderLock.acquire(Path.of(args[0]))) {
            System.out.println("acquired");
        } catch (StartupFailure refused) {
            System.err.println(refused.getMessage());
            System.exit(2);
        }
    }
}
