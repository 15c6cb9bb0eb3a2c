package io.stowage.spi;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A backend that can copy its own data files while it serves, a consistent native backup (LMDB's compacting
 * {@code mdb_env_copy}, for one). A {@link StorageBackend} implements it too when it can; the kernel offers it as
 * {@code stowage:hotcopy}. The copy opens as a backend of the same type in its own right.
 */
@ConsumerType
public interface HotCopy {

    /**
     * Copies the data into {@code folder}, which must not exist or be empty, while operations go on.
     *
     * @throws IllegalArgumentException if the folder holds files
     */
    void copyTo(Path folder);
}
