/**
 * The operator API as the kernel serves it: {@code AdminServiceFactory} registers one view per bundle
 * ({@code KernelAdmin}), {@code ConfigurationStates} shows extensions, configurations and instances as the API's
 * records, {@code MigrationRuns} runs each migration on a thread of its own with a handle ({@code MigrationRun}) to
 * watch and cancel it, and {@code AdminListeners} tells operator tools what changed. It reads the other packages and
 * calls their operations; nothing in them depends on it.
 */
package io.stowage.kernel.admin;
