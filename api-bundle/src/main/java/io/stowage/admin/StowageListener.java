package io.stowage.admin;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears what an operator tool that keeps a view of Stowage (JMX beans, a console) needs to follow. It is called on
 * the kernel's own threads: it may call the operator API, but must not wait for another thread that does (or hold a
 * lock such a thread needs), since the kernel's thread waits for it.
 */
@ConsumerType
public interface StowageListener {

    /** A store was opened or listed for the first time since the kernel started; may be told twice. */
    default void storeKnown(StoreId store) {
    }

    /** Backend configurations may have come, changed state, or gone. */
    default void configurationsChanged() {
    }
}
