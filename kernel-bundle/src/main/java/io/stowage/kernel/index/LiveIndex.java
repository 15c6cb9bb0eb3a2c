package io.stowage.kernel.index;

import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.IndexUnavailableException;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.metrics.IndexCounter;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * One index of one store as it is now: its definition, the space its entries lie in ({@link IndexLayout#space}),
 * whether it is built, how far its build has come, and its function bound to its parameters. Writes maintain it from
 * the moment it is defined; lookups use it once built. A changed definition is a LiveIndex of its own, built in
 * another space beside the one it replaces ({@link StoreIndexes#replacementOf}).
 */
public final class LiveIndex {

    /** Where an index is in its life. */
    public enum State {
        /** Writes maintain it; a background pass indexes the entries written before it was defined. */
        BUILDING,
        /** Every entry of the store is indexed: lookups may use it. */
        READY,
        /** Its build stopped (a unique index met a duplicate among existing entries); see {@link #failure()}. */
        FAILED
    }

    /** The function bound to the index's parameters, with the service it came from. */
    private record Binding(IndexFunction function, IndexKeys keys) {
    }

    public final IndexDefinition definition;
    /** How lookups and writes used it since it was defined in this runtime. */
    public final IndexCounter usage = new IndexCounter();
    /** Where its entries lie: its name, or {@code name~generation} for a replacement. */
    public final String space;
    private final String storeLabel;
    private volatile State state = State.BUILDING;
    private volatile String failure;
    /** Entries of the store the build has gone through so far. */
    private final AtomicLong built = new AtomicLong();
    /** When its build started and ended ({@code System.nanoTime}); both 0 until it starts, the end 0 while it runs. */
    private volatile long buildStarted;
    private volatile long buildEnded;
    private volatile Binding binding;
    /** Whether writes keep it: from once the entries an earlier runtime left under its name are gone. */
    private volatile boolean maintained;
    /** The last replacement of this index that could not be built, until another change; or null. */
    private volatile LiveIndex failedReplacement;

    /** An index as first defined: its entries lie in the space of its name. */
    public LiveIndex(IndexDefinition definition, String storeLabel) {
        this(definition, storeLabel, 0);
    }

    /** An index whose entries lie in the space of that generation of its name (0 for the name itself). */
    public LiveIndex(IndexDefinition definition, String storeLabel, long generation) {
        this.definition = definition;
        this.space = IndexLayout.space(definition.name(), generation);
        this.storeLabel = storeLabel;
    }

    public String name() {
        return definition.name();
    }

    public State state() {
        return state;
    }

    public String failure() {
        return failure;
    }

    public long built() {
        return built.get();
    }

    public void progressed(long entries) {
        built.addAndGet(entries);
    }

    /** Its build starts now. */
    public void buildStarted() {
        buildEnded = 0;
        buildStarted = System.nanoTime();
    }

    /** How long its build took, or has taken so far while it runs; 0 before it started. */
    public long buildNanos() {
        long started = buildStarted;
        if (started == 0) {
            return 0;
        }
        long ended = buildEnded;
        return (ended == 0 ? System.nanoTime() : ended) - started;
    }

    public boolean maintained() {
        return maintained;
    }

    /** From now on writes keep this index (those that began before may not: the build waits for them). */
    public void maintain() {
        maintained = true;
    }

    public void ready() {
        buildEnded = System.nanoTime();
        state = State.READY;
    }

    public void failed(String reason) {
        buildEnded = System.nanoTime();
        failure = reason;
        state = State.FAILED;
    }

    /** The last replacement that could not be built (its state says why), shown until the next change; or null. */
    public LiveIndex failedReplacement() {
        return failedReplacement;
    }

    public void replacementFailed(LiveIndex replacement) {
        failedReplacement = replacement;
    }

    /**
     * The index keys function, bound to this index's parameters with the newest registered version of its type:
     * waits up to the timeout for one while none is registered, as writes and lookups must.
     *
     * @throws IndexUnavailableException if none was registered in time
     * @throws InvalidInputException     if the function refuses the parameters
     */
    public IndexKeys keys(IndexFunctions functions, long timeoutMillis) {
        Binding known = binding;
        IndexFunction newest = functions.newest(definition.type());
        if (known != null && known.function() == newest) {
            return known.keys();
        }
        if (newest == null) {
            newest = functions.awaitNewest(definition.type(), timeoutMillis);
            if (newest == null) {
                throw new IndexUnavailableException("store " + storeLabel + ": index '" + name()
                        + "' needs the index function '" + definition.type() + "', which is not installed (waited "
                        + timeoutMillis + " ms); nothing was changed");
            }
        }
        Binding bound = new Binding(newest, bind(newest, definition, storeLabel));
        binding = bound;
        return bound.keys();
    }

    /** The function bound to the definition's parameters; a refusal names the store, the index and the reason. */
    public static IndexKeys bind(IndexFunction function, IndexDefinition definition, String storeLabel) {
        try {
            return function.bind(definition.parameters());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("store " + storeLabel + ": index '" + definition.name() + "' with "
                    + definition.function() + ": " + e.getMessage());
        }
    }
}
