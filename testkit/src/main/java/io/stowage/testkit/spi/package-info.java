/**
 * The SPI contract suite: what a {@link io.stowage.spi.StorageBackend} must do when called directly, the way the
 * kernel calls it ({@link io.stowage.testkit.spi.StorageBackendContract}, JUnit 5), and what its conditional writes
 * must do ({@link io.stowage.testkit.spi.ConditionalWriteContract}). It checks each
 * {@link io.stowage.spi.Capability} a backend declares and skips, as aborted, the tests of those it does not.
 */
@Export
@Version("1.1.0")
package io.stowage.testkit.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
