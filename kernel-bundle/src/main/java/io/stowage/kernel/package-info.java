/**
 * The kernel without OSGi: {@link io.stowage.kernel.Kernel} ties the rooms below together (backend slots, store
 * routes, settings, the expiry sweeper), and {@link io.stowage.kernel.EmbeddedKernel} serves it outside a framework
 * for benchmarks and tests. It may touch every kernel package; none of them reaches back here except through the
 * {@code Kernel} they are given. Nothing here is exported: the kernel bundle exports no package.
 */
package io.stowage.kernel;
