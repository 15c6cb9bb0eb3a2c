package io.stowage.typed.object;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.stowage.api.Store;
import io.stowage.typed.TestStores;

/**
 * The backends every object test runs on, by name: a test class registers one as a static extension, and it closes
 * them after the class's last test.
 */
final class Backends implements AfterAllCallback {

    private final TestStores memory = TestStores.memory();
    private final TestStores lmdb = TestStores.lmdb();

    /** A fresh store of the named backend, {@code memory} or {@code lmdb}. */
    Store fresh(String backend) {
        return switch (backend) {
            case "memory" -> memory.fresh();
            case "lmdb" -> lmdb.fresh();
            default -> throw new IllegalArgumentException("no backend " + backend);
        };
    }

    @Override
    public void afterAll(ExtensionContext context) {
        memory.close();
        lmdb.close();
    }
}
