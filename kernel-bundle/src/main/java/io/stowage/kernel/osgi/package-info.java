/**
 * OSGi wiring: the kernel's DS component and configuration, the bundle-scoped {@code StorageService} factory, and
 * the hooks that hide extensions' factories and retire instances of a stopping bundle. The only package that talks
 * to the framework about the kernel itself; it hands what it hears to the kernel and the instance package.
 */
package io.stowage.kernel.osgi;
