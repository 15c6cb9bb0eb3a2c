package io.stowage.storage.lmdb;

import java.nio.ByteBuffer;

import org.lmdbjava.Env;

import io.stowage.api.BackendUnavailableException;

/**
 * lmdbjava reads direct buffers' addresses by reflection, which JDK 17 allows only where the JVM was started with
 * {@value #JVM_OPTIONS}; without them lmdbjava fails with an {@code ExceptionInInitializerError} that names neither
 * the cause nor the cure, so a backend checks first and says both.
 */
final class NioAccess {

    static final String JVM_OPTIONS = "--add-opens java.base/java.nio=ALL-UNNAMED "
            + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED";

    private NioAccess() {
    }

    static void require(String name) {
        // A class literal does not initialise Env, so this runs before lmdbjava's reflection does
        Module lmdbjava = Env.class.getModule();
        Module base = ByteBuffer.class.getModule();
        if (!base.isOpen("java.nio", lmdbjava) || !base.isOpen("sun.nio.ch", lmdbjava)) {
            throw new BackendUnavailableException("LMDB backend '" + name + "': lmdbjava needs the JVM options "
                    + JVM_OPTIONS + " (bin/stowage passes them; in Karaf set EXTRA_JAVA_OPTS, in bin/setenv for one)");
        }
    }
}
