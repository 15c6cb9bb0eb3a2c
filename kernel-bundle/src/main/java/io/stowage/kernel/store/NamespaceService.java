package io.stowage.kernel.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.stowage.api.ChangeFeed;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.kernel.Kernel;

/**
 * One bundle's view of the kernel: its namespace is fixed at creation from the bundle's symbolic name. Every
 * {@link #store(String)} call returns a handle of its own, so one caller closing its handle never closes another's;
 * all of them close when the bundle releases the service.
 */
public final class NamespaceService implements StorageService {

    private final Kernel kernel;
    private final String namespace;
    private volatile boolean released;
    /** The change feeds its handles opened and did not close: they end with the service. */
    private final Set<ChangeFeed> feeds = ConcurrentHashMap.newKeySet();

    public NamespaceService(Kernel kernel, String namespace) {
        this.kernel = kernel;
        this.namespace = namespace;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Store store(String name) {
        ensureNotReleased();
        return kernel.open(namespace, name, this);
    }

    @Override
    public List<String> storeNames() {
        ensureNotReleased();
        return kernel.stores(namespace).stream().map(StoreCatalog.StoreId::store).toList();
    }

    /** Closes every handle this bundle got: it no longer uses the service. */
    public void release() {
        released = true;
        List.copyOf(feeds).forEach(ChangeFeed::close);
    }

    /** Feeds of this bundle's handles, closed when the bundle releases the service. */
    Set<ChangeFeed> feeds() {
        return feeds;
    }

    boolean isReleased() {
        return released;
    }

    private void ensureNotReleased() {
        if (released) {
            throw new StoreClosedException("the storage service of namespace " + namespace + " was released");
        }
    }
}
