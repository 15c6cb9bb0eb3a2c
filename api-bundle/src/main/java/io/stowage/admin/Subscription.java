package io.stowage.admin;

import org.osgi.annotation.versioning.ProviderType;

/** A listener's registration; closing it, more than once if need be, stops the calls. */
@ProviderType
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
