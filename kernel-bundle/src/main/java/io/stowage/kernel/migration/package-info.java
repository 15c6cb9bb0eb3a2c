/**
 * Moving data while it serves: a store or an instance copied to another configuration with writes mirrored
 * ({@code Migration}, {@code StoreMigrator}), the route saved afterwards ({@code ConfigAdminRoutes}), and backups
 * to and from a portable dump ({@code StoreBackups}, {@code StoreDump}). It reads and writes stores through their
 * routes and slots in the store package; it starts no instance itself.
 */
package io.stowage.kernel.migration;
