/**
 * The value-transform contract suite: what a {@link io.stowage.spi.ValueTransform} must do when the kernel calls it
 * directly ({@link io.stowage.testkit.transform.ValueTransformContract}, JUnit 5), so that a third party's
 * compression or encryption can prove itself as Stowage's own transforms do.
 */
@Export
@Version("1.0.0")
package io.stowage.testkit.transform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
