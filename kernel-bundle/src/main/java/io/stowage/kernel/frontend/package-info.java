/**
 * Operator front ends still inside the kernel: the Gogo commands, the JMX MBeans and the Felix health check. They
 * read the kernel's state and run its admin operations; they leave for bundles of their own that use only
 * {@code io.stowage.admin}, and nothing else in the kernel may depend on them.
 */
package io.stowage.kernel.frontend;
