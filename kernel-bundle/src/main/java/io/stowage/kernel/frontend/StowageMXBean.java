package io.stowage.kernel.frontend;

import java.util.List;

import io.stowage.kernel.Kernel;

/**
 * What the kernel shows JMX tools (jconsole, VisualVM, Hawtio, Karaf's JMX) under {@value #OBJECT_NAME}: per store
 * its configuration and operation counts since the kernel started, per backend configuration its instance.
 */
public interface StowageMXBean {

    String OBJECT_NAME = "io.stowage:type=Kernel";

    /** Stores that hold data or were opened since the kernel started. */
    List<StoreStatistics> getStores();

    /** Every backend configuration, with its instance if it has one. */
    List<InstanceStatistics> getBackendInstances();

    /** The live keys of a store (namespace/store): a scan of the whole store, so an operation, not an attribute. */
    long countKeys(String store);
}
