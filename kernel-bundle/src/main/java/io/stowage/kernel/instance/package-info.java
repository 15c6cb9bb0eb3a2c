/**
 * Backend instances: which installed extension serves each backend configuration ({@code ExtensionChoice}), making
 * and ending its one instance on the lifecycle thread ({@code BackendInstances}, {@code LifecycleThread},
 * {@code FailedStarts}), the ConfigAdmin listeners per extension PID ({@code ConfigurationListeners}), the live switch
 * between versions ({@code LiveSwitch}), and the hand-over of a volatile instance's contents to its successor
 * ({@code HandOvers}): copied out live ({@code LiveHandOver}), kept as plain byte arrays ({@code HandOver}), and
 * served by the successor at once through an overlay ({@code HandOverOverlay}) while a loader moves them in
 * ({@code HandOverLoader}). It binds and unbinds backends in the store package's slots and uses migration's copy for
 * the live switch and the live hand-over; callers' operations reach it only through that overlay, which serves as
 * the new instance's backend until everything is loaded.
 */
package io.stowage.kernel.instance;
