/**
 * Store routes: which backend configuration a store goes to ({@code RouteRule}) and the ConfigAdmin factory
 * configurations of {@code io.stowage.store} that carry them. It touches only the kernel's rule list.
 */
package io.stowage.kernel.routing;
