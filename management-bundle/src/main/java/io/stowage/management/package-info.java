/**
 * Stowage for monitoring tools: MBeans on the platform MBean server ({@code io.stowage:type=Kernel}, one per store
 * and one per backend configuration) and a Felix Health Check of the backends. Everything is read from the operator
 * API ({@link io.stowage.admin.StowageAdmin}) when asked, nothing is kept, and everything registered is
 * unregistered when the API goes, so no kernel revision stays reachable.
 */
package io.stowage.management;
