package io.stowage.storage.lmdb;

import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;

/**
 * A JVM of {@link NioAccessTest}'s, started without lmdbjava's JVM options: opens a backend in the folder given and
 * prints the message it fails with, or "opened".
 */
public final class ClosedNioProbe {

    private ClosedNioProbe() {
    }

    public static void main(String[] args) {
        Logger silent = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, arguments) -> method.getReturnType() == boolean.class ? false : null);
        try {
            LmdbBackend.outsideFramework("probe", Path.of(args[0]), 1, 8, silent).close();
            System.out.println("opened");
        } catch (BackendUnavailableException e) {
            System.out.println(e.getMessage());
        }
    }
}
