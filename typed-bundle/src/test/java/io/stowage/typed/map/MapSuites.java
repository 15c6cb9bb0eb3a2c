package io.stowage.typed.map;

import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.ConcurrentNavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;

import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.SortedPersistentMap;
import io.stowage.typed.TestStores;

/**
 * Guava's collection suites (guava-testlib, a peer's tests) against persistent maps of strings on one backend, each
 * map over a fresh store of the real kernel.
 *
 * <p>Features claimed: any size, general purpose (put, remove), iterator remove; the sorted maps also a known order.
 * Features left out, and why:
 * <ul>
 * <li>{@code ALLOWS_NULL_KEYS}, {@code ALLOWS_NULL_VALUES}, {@code ALLOWS_NULL_KEY_QUERIES},
 * {@code ALLOWS_NULL_VALUE_QUERIES}, {@code ALLOWS_ANY_NULL_QUERIES}: a ConcurrentMap refuses nulls, and so do we
 * (with NullPointerException, which the suites then check);</li>
 * <li>{@code FAILS_FAST_ON_CONCURRENT_MODIFICATION}: iteration is weakly consistent, as a ConcurrentMap's is (the
 * store may be written by anyone while a scan pages through it);</li>
 * <li>{@code SERIALIZABLE}, {@code SERIALIZABLE_INCLUDING_VIEWS}: a map is a view of a live store handle, which is
 * not serializable (and the typed layer never uses Java serialization);</li>
 * <li>{@code RESTRICTS_KEYS}, {@code RESTRICTS_VALUES}: the maps take every string the suites use; strings a store
 * refuses as keys (empty, lone surrogates, over 256 bytes) are covered by the map's own tests.</li>
 * </ul>
 */
final class MapSuites {

    private MapSuites() {
    }

    /** Both suites on the backend the supplier opens; closed after the last test. */
    static Test on(String backend, Supplier<TestStores> open) {
        OpenedStores stores = new OpenedStores(open);
        TestSuite all = new TestSuite("PersistentMap on " + backend);
        all.addTest(ConcurrentMapTestSuiteBuilder.using(new TestStringMapGenerator() {
            @Override
            protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                PersistentMap<String, String> map = PersistentMaps.of(stores.get().fresh(), Codecs.strings(),
                        Codecs.strings());
                for (Map.Entry<String, String> entry : entries) {
                    map.set(entry.getKey(), entry.getValue());
                }
                return map;
            }
        })
                .named("PersistentMaps.of on " + backend)
                .withFeatures(CollectionSize.ANY, MapFeature.GENERAL_PURPOSE,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
                .createTestSuite());
        all.addTest(ConcurrentNavigableMapTestSuiteBuilder.using(new TestStringSortedMapGenerator() {
            @Override
            protected SortedMap<String, String> create(Map.Entry<String, String>[] entries) {
                SortedPersistentMap<String, String> map = PersistentMaps.sorted(stores.get().fresh(),
                        Codecs.strings(), Codecs.strings());
                for (Map.Entry<String, String> entry : entries) {
                    map.set(entry.getKey(), entry.getValue());
                }
                return map;
            }
        })
                .named("PersistentMaps.sorted on " + backend)
                .withFeatures(CollectionSize.ANY, MapFeature.GENERAL_PURPOSE,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE, CollectionFeature.KNOWN_ORDER)
                .createTestSuite());
        return new TestSetup(all) {
            @Override
            protected void tearDown() {
                stores.close();
            }
        };
    }

    /**
     * The backend of a suite, opened on first use and closed by the suite's tear-down. The builders already make
     * and fill maps while they build the suites, and Surefire may build a suite it never runs (a second instance
     * of the runner): that backend is closed, and its folder deleted, when the test JVM exits.
     */
    private static final class OpenedStores {
        private final Supplier<TestStores> open;
        private TestStores stores;
        private Thread atExit;

        OpenedStores(Supplier<TestStores> open) {
            this.open = open;
        }

        synchronized TestStores get() {
            if (stores == null) {
                stores = open.get();
                atExit = new Thread(this::close, "close " + stores);
                Runtime.getRuntime().addShutdownHook(atExit);
            }
            return stores;
        }

        synchronized void close() {
            if (stores != null) {
                stores.close();
                stores = null;
                if (Thread.currentThread() != atExit) {
                    Runtime.getRuntime().removeShutdownHook(atExit);
                }
            }
        }
    }
}
