package io.stowage.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;
import io.stowage.spi.Capability;

class MemoryBackendTest {

    private final List<String> logged = new ArrayList<>();

    private Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("info")) {
                        logged.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    private static MemoryBackendConfig config(long maxKeys) {
        return (MemoryBackendConfig) Proxy.newProxyInstance(MemoryBackendConfig.class.getClassLoader(),
                new Class<?>[] {MemoryBackendConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "unit";
                    case "version" -> "0.0.0";
                    case "maxKeys" -> maxKeys;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void deactivateReleasesEveryEntryAndRefusesFurtherUse() {
        MemoryBackend backend = new MemoryBackend(config(100), logger());
        for (int i = 0; i < 50; i++) {
            backend.put(new byte[] {(byte) i}, new byte[1024], 0);
        }
        assertEquals(50, backend.size());
        backend.close();
        assertEquals(0, backend.size());
        assertThrows(BackendUnavailableException.class, () -> backend.get(new byte[] {1}));
        assertThrows(BackendUnavailableException.class, () -> backend.put(new byte[] {1}, new byte[0], 0));
        assertTrue(logged.stream().anyMatch(m -> m.contains("ended, released")), logged.toString());
    }

    @Test
    void declaresWhatItCanDoHonestly() {
        MemoryBackend backend = new MemoryBackend(config(100), logger());
        assertEquals(java.util.Set.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH, Capability.CONDITIONAL_WRITE),
                backend.capabilities());
        backend.close();
    }

    @Test
    void nonPositiveMaxKeysIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MemoryBackend(config(0), logger()));
        assertTrue(e.getMessage().contains("maxKeys"));
    }
}
