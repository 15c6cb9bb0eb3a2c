/**
 * The operator API: what the kernel offers tools that run Stowage (the Gogo shell, JMX, the health check, a web
 * console), as one service, {@link io.stowage.admin.StowageAdmin}. It sees and changes every namespace, so only
 * operator tools may use it; applications use {@link io.stowage.api.StorageService}, which confines a bundle to its
 * own namespace.
 */
@Export
@Version("1.3.0")
package io.stowage.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
