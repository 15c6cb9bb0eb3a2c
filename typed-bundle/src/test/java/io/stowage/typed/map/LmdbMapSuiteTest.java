package io.stowage.typed.map;

import org.junit.runner.RunWith;

import junit.framework.Test;

import io.stowage.typed.TestStores;

/** Guava's ConcurrentMap and ConcurrentNavigableMap suites on LMDB in a temporary folder; see {@link MapSuites}. */
@RunWith(FlatSuiteRunner.class)
public class LmdbMapSuiteTest {

    public static Test suite() {
        return MapSuites.on("LMDB", TestStores::lmdb);
    }
}
