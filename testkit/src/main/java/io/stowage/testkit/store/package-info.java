/**
 * The Store contract suite: what every backend, served through the kernel, must do for applications
 * ({@link io.stowage.testkit.store.StoreContract}), a model check against a {@code TreeMap}
 * ({@link io.stowage.testkit.store.StoreModelCheck}), and a bank of accounts that concurrent transactions move money
 * between ({@link io.stowage.testkit.store.Bank}), which load tests run beside whatever else they do.
 *
 * <p>The {@link io.stowage.testkit.store.IndexContract} checks secondary indexes the same way, against a
 * recomputation from the data ({@link io.stowage.testkit.store.IndexCheck}), with the
 * {@link io.stowage.testkit.store.WordsIndexFunction} as their index function (since 1.2).
 *
 * <p>JUnit 4, because the same suite also runs inside a real Felix through Pax Exam 4, which runs JUnit 4 tests
 * only; on the JUnit Platform the vintage engine (a dependency of the testkit) runs it beside JUnit 5 tests.
 */
@Export
@Version("1.2.0")
package io.stowage.testkit.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
