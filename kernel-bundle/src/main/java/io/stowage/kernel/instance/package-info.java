/**
 * Backend instances: which installed extension serves each backend configuration, making and ending its one
 * instance on the lifecycle thread, the live switch between versions, and the hand-over of a volatile instance's
 * contents to its successor. It binds and unbinds backends in the store package's slots and uses migration's copy for
 * the live switch; it never handles a caller's operation.
 */
package io.stowage.kernel.instance;
