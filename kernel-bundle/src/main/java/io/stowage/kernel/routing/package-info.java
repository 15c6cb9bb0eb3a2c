/**
 * Store routes: which backend configuration a store goes to ({@code RouteRule}), through which transform chain, and
 * the ConfigAdmin factory configurations of {@code io.stowage.store} that carry them. It touches only the kernel's
 * rule list, and the transform package to parse chains.
 */
package io.stowage.kernel.routing;
