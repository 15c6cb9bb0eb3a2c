package io.stowage.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

import io.stowage.api.Store;

/**
 * What an operator can see and do in a running Stowage: extensions, backend configurations and their instances,
 * stores of every namespace and their routes, statistics, and the live operations (move, migrate, backup, restore,
 * hot copy, sweep). The kernel registers one service; the Gogo commands, JMX, the health check and any other
 * operator tool use only this.
 *
 * <p>It sees and changes every namespace: give it only to operator tools. A bundle's own data is reached through
 * {@link io.stowage.api.StorageService}. Errors are the same typed exceptions the stores throw
 * ({@link io.stowage.api.StorageException} and its subclasses), an {@link IllegalArgumentException} naming what is
 * wrong with an argument, or an {@link UnknownStoreException}.
 */
@ProviderType
public interface StowageAdmin {

    /**
     * Waits until the kernel has acted on every change to extensions and configurations reported to it so far, so
     * that what the reads below show includes them. The reads themselves never wait: a monitor asking during an
     * update sees the update under way.
     *
     * @throws IllegalStateException if the kernel is still busy with them after 30 seconds
     */
    void awaitSettled();

    /** Installed storage extensions, by type and version. */
    List<ExtensionInfo> extensions();

    /** Every backend configuration with where it stands, by name. */
    List<ConfigurationInfo> configurations();

    /** One backend configuration, if it exists. */
    Optional<ConfigurationInfo> configuration(String name);

    /** The backend instances that exist now, by configuration name. */
    List<InstanceInfo> instances();

    /** The default configuration and the store routes. */
    RouteTable routes();

    /** Namespaces holding data in a backend that can list them, sorted. */
    List<String> namespaces();

    /**
     * Stores holding data in the configuration they are routed to, sorted.
     *
     * @param namespace only this namespace, or null for all
     */
    List<StoreId> stores(String namespace);

    /** Stores holding data or opened since the kernel started, sorted. */
    List<StoreId> knownStores();

    /** A handle on any store, created on first write if it does not exist; close it when done. */
    Store openStore(StoreId store);

    /**
     * A handle on a store that a bundle opened or that holds data; close it when done.
     *
     * @throws UnknownStoreException if neither
     */
    Store existingStore(StoreId store);

    /** A known store's traffic since the kernel started, with latencies over a recent window. */
    StoreStatistics storeStatistics(StoreId store);

    /** The traffic of every known store. */
    List<StoreStatistics> storeStatistics();

    /**
     * The caches over stores that their providers report ({@link CacheStatisticsSource}), ordered by store; empty
     * when no provider runs. A source that fails is left out.
     *
     * @since 1.4
     */
    List<CacheStatistics> cacheStatistics();

    /** The traffic of the stores routed to a configuration, through every instance that served it. */
    ConfigurationStatistics configurationStatistics(String configuration);

    /**
     * What a store holds now, counted by a scan of the whole store: an operation, not a figure kept up to date.
     * Empty if no instance serves the store's configuration now.
     */
    Optional<StoreContents> measure(StoreId store);

    /**
     * Moves a backend configuration to the installed extension of a version, make before break, or back to its
     * version policy.
     *
     * @param version an OSGi version, or null for the policy (the highest installed version in range)
     */
    MoveResult move(String configuration, String version);

    /**
     * Starts copying a store live to another configuration; once copied, the store switches to it, and unless
     * {@code keepSource}, the source's copy is deleted. Returns at once; the handle shows the progress, waits for
     * the end, and cancels.
     */
    Migration migrate(StoreId store, String targetConfiguration, boolean keepSource);

    /**
     * Writes stores to a portable dump file while applications keep using them.
     *
     * @param selector {@code namespace/store}, {@code namespace}, or null for every store
     */
    BackupResult backup(Path file, String selector) throws IOException;

    /** Loads a dump file into the stores it names, in whatever configuration serves them. */
    RestoreResult restore(Path file, RestoreMode mode) throws IOException;

    /** Copies a configuration's own data files while it serves, where its backend can. */
    HotCopyResult hotCopy(String configuration, Path folder);

    /**
     * Writes every live value of a store again as its route's transform chain writes values now, while applications
     * keep using it: a changed chain (or a rotated key) then applies to the values stored before, and a removed chain
     * leaves them plain. Each value is written only if its stored bytes are still those read, expiry kept; a value an
     * application changed meanwhile is read again, so no application write is lost. Returns when the store is done.
     *
     * @param progress told the counts so far after each page of entries, or null
     * @throws io.stowage.api.TransformUnavailableException if a transform a stored value or the chain needs is
     *                                                      missing: values rewritten so far stay, the rest as they were
     * @throws UnknownStoreException if no bundle opened the store and it holds no data
     */
    RewriteResult rewrite(StoreId store, Consumer<RewriteResult> progress);

    /**
     * Creates a secondary index on a store and starts building it live; returns at once, the index
     * {@link IndexState#BUILDING}. The index is saved as an {@code io.stowage.index} configuration, so that it
     * outlives the runtime (since 1.4).
     *
     * <p>If the store has an index of that name with another definition, this redefines it (since 1.5): the new
     * definition is built beside the index, which goes on answering lookups with its own until the new one is built
     * and takes its place; this returns the replacement, {@link IndexState#REPLACING}, which {@link #indexes()}
     * lists after the index. A replacement that cannot be built leaves the index as it was
     * ({@link IndexState#REPLACEMENT_FAILED}). With the definition it has already, nothing changes and this returns
     * the index.
     *
     * @param function the index function and its parameters, such as {@code json(pointer=/email)}
     * @throws io.stowage.api.InvalidInputException         if the name or function is not valid or the function
     *                                                      refuses its parameters
     * @throws io.stowage.api.IndexUnavailableException     if no index function of that type is installed
     */
    IndexInfo createIndex(StoreId store, String name, String function, boolean unique);

    /**
     * Drops a store's index: writes stop maintaining it, its entries are deleted and its configuration removed;
     * false if the store has no index of that name (since 1.4).
     */
    boolean dropIndex(StoreId store, String name);

    /**
     * Every store's secondary indexes, by store and name, with their state and size (since 1.4); an index being
     * redefined is followed by its replacement (since 1.5).
     */
    List<IndexInfo> indexes();

    /** The store's index of that name that answers lookups, with its state and size, if it has one (since 1.4). */
    Optional<IndexInfo> index(StoreId store, String name);

    /**
     * How the store's indexes that answer lookups were used since the kernel started, in the order {@link #indexes()}
     * lists them: lookups, index entries written and removed, unique refusals, and their last build. Reads counters
     * only, no entry.
     *
     * @throws UnknownStoreException if no bundle opened the store and it holds no data
     * @since 1.6
     */
    List<IndexStatistics> indexStatistics(StoreId store);

    /** Removes expired entries now rather than at the next sweep; returns how many went. */
    long sweepExpired();

    /**
     * Tells the listener of stores that become known and configurations that come, change or go, until the
     * subscription is closed or the calling bundle releases this service.
     */
    Subscription subscribe(StowageListener listener);
}
