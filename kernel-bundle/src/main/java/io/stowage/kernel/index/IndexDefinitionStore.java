package io.stowage.kernel.index;

import io.stowage.admin.StoreId;

/** Where the indexes the operator creates are kept so that they outlive the kernel: {@link ConfigAdminIndexes}. */
public interface IndexDefinitionStore {

    /** Keeps nothing: the indexes last as long as the kernel (tests outside a framework). */
    IndexDefinitionStore NONE = new IndexDefinitionStore() {
        @Override
        public void save(StoreId store, IndexDefinition definition) {
        }

        @Override
        public void remove(StoreId store, String index) {
        }
    };

    void save(StoreId store, IndexDefinition definition);

    void remove(StoreId store, String index);
}
