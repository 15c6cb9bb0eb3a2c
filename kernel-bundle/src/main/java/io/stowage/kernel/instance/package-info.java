/**
 * Backend instances: which installed extension serves each backend configuration ({@code ExtensionChoice}), making
 * and ending its one instance on the lifecycle thread ({@code BackendInstances}, {@code LifecycleThread},
 * {@code FailedStarts}), the ConfigAdmin listeners per extension PID ({@code ConfigurationListeners}), the live switch
 * between versions ({@code LiveSwitch}), and the hand-over of a volatile instance's contents to its successor
 * ({@code HandOvers}). It binds and unbinds backends in the store package's slots and uses migration's copy for the
 * live switch; it never handles a caller's operation.
 */
package io.stowage.kernel.instance;
