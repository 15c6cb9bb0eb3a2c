/**
 * The kernel embedded in a plain JVM test, for extension authors: {@link io.stowage.testkit.EmbeddedKernel} serves
 * one {@link io.stowage.spi.StorageBackend} through the real kernel, so that the Store contract suite
 * ({@link io.stowage.testkit.store}) runs against it without a framework; {@link io.stowage.testkit.ManualClock}
 * moves the kernel's time by hand; {@code io.stowage.testlog.Loggers.silent()} (the test-log artifact, which comes
 * with this one) stands in for the OSGi log.
 *
 * <p>Stowage's own backends (memory, LMDB, Redis standalone and cluster) run both suites in this module's tests
 * ({@code io.stowage.testkit.backends}), not in their own modules: the testkit depends on the kernel, whose tests
 * use the memory backend, so a backend module that test-depended on the testkit would close a cycle Maven refuses.
 */
@Export
@Version("1.1.0")
package io.stowage.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
