package io.stowage.typed.object;

import io.stowage.api.Store;
import io.stowage.typed.TestStores;

/** The backends every object test runs on, by name, opened once per test class and closed with it. */
final class Backends implements AutoCloseable {

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
    public void close() {
        memory.close();
        lmdb.close();
    }
}
