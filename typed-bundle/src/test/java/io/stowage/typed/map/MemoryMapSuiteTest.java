package io.stowage.typed.map;

import org.junit.runner.RunWith;

import junit.framework.Test;

import io.stowage.typed.TestStores;

/** Guava's ConcurrentMap and ConcurrentNavigableMap suites on the memory backend; see {@link MapSuites}. */
@RunWith(FlatSuiteRunner.class)
public class MemoryMapSuiteTest {

    public static Test suite() {
        return MapSuites.on("memory", TestStores::memory);
    }
}
