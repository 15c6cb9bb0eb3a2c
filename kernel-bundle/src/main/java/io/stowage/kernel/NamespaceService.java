package io.stowage.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;

/** One bundle's view of the kernel: its namespace is fixed at creation from the bundle's symbolic name. */
final class NamespaceService implements StorageService {

    private final Kernel kernel;
    private final String namespace;
    private final Map<String, KernelStore> handles = new ConcurrentHashMap<>();
    private volatile boolean released;

    NamespaceService(Kernel kernel, String namespace) {
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
        Store handle = handles.compute(Names.requireStoreName(name),
                (n, existing) -> existing != null && !existing.isClosed() ? existing : kernel.open(namespace, n));
        if (released) {
            handle.close();
            ensureNotReleased();
        }
        return handle;
    }

    @Override
    public List<String> storeNames() {
        ensureNotReleased();
        return kernel.stores(namespace).stream().map(StoreCatalog.StoreId::store).toList();
    }

    /** Closes every handle this bundle got: it no longer uses the service. */
    void release() {
        released = true;
        handles.values().forEach(KernelStore::close);
        handles.clear();
    }

    private void ensureNotReleased() {
        if (released) {
            throw new StoreClosedException("the storage service of namespace " + namespace + " was released");
        }
    }
}
