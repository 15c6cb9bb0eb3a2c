package io.stowage.kernel.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.stowage.api.CorruptValueException;
import io.stowage.api.StorageException;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * Applies a store's chain to a value and undoes it by the value's header alone. Writes use each type's highest
 * registered version, waiting for a missing one as long as an operation waits for a missing backend; reads use any
 * version that reads the recorded format, and fail at once when none does. Bound steps are kept per step of a chain
 * and checked against the newest service at each use, so no step outlives the service it came from.
 */
public final class ChainCodec {

    /** A step bound from a service, current while the registry's generation is the one recorded. */
    private record BoundStep(ValueTransform transform, TransformStep step, long generation) {
    }

    /** The service that reads a type's format version, current while the registry's generation is the one recorded. */
    private record Reader(String type, int formatVersion, ValueTransform transform, long generation) {
    }

    /** Remembered readers, a few slots by hash: a chain's reads meet the same one or two (type, version) pairs. */
    private static final int READER_SLOTS = 8;

    private final TransformRegistry registry;
    private final Map<TransformChain.StepSpec, BoundStep> bound = new ConcurrentHashMap<>();
    /** Racy by design: a slot holds an immutable record or null, and a miss only costs a lookup. */
    private final Reader[] readers = new Reader[READER_SLOTS];

    public ChainCodec(TransformRegistry registry) {
        this.registry = registry;
    }

    /**
     * The value's transformed payload (header and data), or null to store it as it is: no step changed it. A value
     * shorter than the chain's minimum size skips the steps that {@linkplain ValueTransform#compresses() compress}
     * only: an encryption applies to every value, however short.
     *
     * @throws TransformUnavailableException if the chain was refused, a type stayed missing for the timeout, or a
     *                                       transform refused its parameters
     */
    public byte[] encode(TransformChain chain, byte[] value, ValueIdentity identity, long timeoutMillis) {
        return encode(chain, value, identity, timeoutMillis, 0);
    }

    /**
     * As {@link #encode(TransformChain, byte[], ValueIdentity, long)}, the payload after {@code headroom} free bytes:
     * the envelope's header goes there, and the payload is not copied again to make room for it.
     */
    public byte[] encode(TransformChain chain, byte[] value, ValueIdentity identity, long timeoutMillis,
            int headroom) {
        if (chain.isRefused()) {
            throw new TransformUnavailableException("store " + label(identity) + ": not written, key '"
                    + identity.key() + "': its route's transforms are refused: " + chain.refusal());
        }
        boolean shortValue = value.length < chain.minSize();
        List<TransformHeader.Step> applied = new ArrayList<>(chain.steps().size());
        byte[] data = value;
        // The last step's data stays in the buffer it was written to: the header's write copies it once
        int length = value.length;
        for (TransformChain.StepSpec spec : chain.steps()) {
            BoundStep step = bind(spec, identity, timeoutMillis);
            if (shortValue && step.transform().compresses()) {
                continue;
            }
            if (length != data.length) {
                data = Arrays.copyOf(data, length);
            }
            Transformed result;
            // A step refusing because its transform left while the write was under way (an update of its bundle,
            // whose steps refuse once deactivated) binds the type's next service, waiting as for a missing one
            while (true) {
                try {
                    result = step.step().apply(data, identity);
                    break;
                } catch (TransformUnavailableException e) {
                    if (registry.isRegistered(step.transform())) {
                        throw e;
                    }
                    bound.remove(spec, step);
                    step = bind(spec, identity, timeoutMillis);
                }
            }
            if (result != null) {
                applied.add(new TransformHeader.Step(spec.type(), step.transform().formatVersion(), result.header()));
                data = result.buffer();
                length = result.length();
            }
        }
        return applied.isEmpty() ? null : TransformHeader.write(applied, data, length, headroom);
    }

    /**
     * The value a payload holds, its steps undone in reverse order. A step whose transform is missing waits up to
     * the timeout for one that reads it, as an operation waits for a missing backend: an update of the transform's
     * bundle leaves none registered for a moment, and a read must not fail for that.
     *
     * @throws TransformUnavailableException if no registered transform reads a step's type and format version
     *                                       within the timeout
     * @throws CorruptValueException         if the header is damaged or a step's data is not what it wrote
     */
    public byte[] decode(byte[] payload, ValueIdentity identity, long timeoutMillis) {
        // The place is spelled out only for an error: a read that succeeds builds no message
        TransformHeader.Parsed parsed = TransformHeader.read(payload, () -> where(identity));
        List<TransformHeader.Step> steps = parsed.steps();
        // The last step applied reads its data in place in the payload; each step before it gets the array the
        // step after it made
        byte[] data = payload;
        int offset = parsed.dataOffset();
        for (int i = steps.size() - 1; i >= 0; i--) {
            data = undo(steps.get(i), data, offset, data.length - offset, identity, timeoutMillis);
            offset = 0;
        }
        return data;
    }

    /** Undoes one step; a transform that stops under the read (its bundle updated) hands over to the next one. */
    private byte[] undo(TransformHeader.Step step, byte[] data, int offset, int length, ValueIdentity identity,
            long timeoutMillis) {
        while (true) {
            ValueTransform transform = reader(step.type(), step.formatVersion(), timeoutMillis);
            if (transform == null) {
                throw new TransformUnavailableException(where(identity) + ": the value needs transform '" + step.type()
                        + "' format version " + step.formatVersion() + ", which no registered transform reads ("
                        + registeredVersions(step.type()) + ", waited " + timeoutMillis
                        + " ms); the value was left as it is");
            }
            try {
                return undo(transform, step, data, offset, length, identity);
            } catch (TransformUnavailableException e) {
                if (registry.isRegistered(transform)) {
                    throw e;
                }
            }
        }
    }

    /** The transform that reads the type's format version, from a remembered lookup while it is current. */
    private ValueTransform reader(String type, int formatVersion, long timeoutMillis) {
        int slot = (type.hashCode() * 31 + formatVersion) & (READER_SLOTS - 1);
        long generation = registry.generation();
        Reader known = readers[slot];
        if (known != null && known.generation() == generation && known.formatVersion() == formatVersion
                && known.type().equals(type)) {
            return known.transform();
        }
        ValueTransform transform = registry.awaitReading(type, formatVersion, timeoutMillis);
        if (transform != null) {
            // Stamped with the generation read before the lookup: a change in between makes the next read look again
            readers[slot] = new Reader(type, formatVersion, transform, generation);
        }
        return transform;
    }

    private static byte[] undo(ValueTransform transform, TransformHeader.Step step, byte[] data, int offset,
            int length, ValueIdentity identity) {
        byte[] decoded;
        try {
            decoded = transform.decode(step.formatVersion(), step.header(), data, offset, length, identity);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptValueException(where(identity) + ": transform '" + step.type()
                    + "' cannot read the value: " + e, e);
        }
        if (decoded == null) {
            throw new CorruptValueException(where(identity) + ": transform '" + step.type()
                    + "' read nothing from the value");
        }
        return decoded;
    }

    private BoundStep bind(TransformChain.StepSpec spec, ValueIdentity identity, long timeoutMillis) {
        long generation = registry.generation();
        BoundStep known = bound.get(spec);
        if (known != null && known.generation() == generation) {
            return known;
        }
        ValueTransform newest = registry.newest(spec.type());
        if (known != null && known.transform() == newest) {
            // Stamped with the generation read before the lookup: a change in between makes the next write look again
            BoundStep current = new BoundStep(newest, known.step(), generation);
            bound.put(spec, current);
            return current;
        }
        if (newest == null) {
            newest = registry.awaitNewest(spec.type(), timeoutMillis);
            if (newest == null) {
                throw new TransformUnavailableException("store " + label(identity) + ": not written, key '"
                        + identity.key() + "': transform '" + spec.type() + "' of its chain is not registered ("
                        + "waited " + timeoutMillis + " ms)");
            }
        }
        TransformStep step;
        while (true) {
            try {
                step = newest.bind(spec.parameters());
                break;
            } catch (RuntimeException e) {
                if (registry.isRegistered(newest)) {
                    throw new TransformUnavailableException("store " + label(identity) + ": not written, key '"
                            + identity.key() + "': transform '" + spec.type() + "' refuses the route's parameters "
                            + spec.parameters() + ": " + e.getMessage(), e);
                }
                // It left while binding (an update of its bundle deactivates it: aes-gcm drops its keys then), so
                // its refusal says nothing of the parameters: bind the type's next service, as apply does
                newest = registry.awaitNewest(spec.type(), timeoutMillis);
                if (newest == null) {
                    throw new TransformUnavailableException("store " + label(identity) + ": not written, key '"
                            + identity.key() + "': transform '" + spec.type() + "' of its chain left while it was "
                            + "bound and none took its place (waited " + timeoutMillis + " ms)", e);
                }
            }
        }
        BoundStep made = new BoundStep(newest, step, generation);
        bound.put(spec, made);
        return made;
    }

    /** Forgets every bound step and reader: a transform left, and none of its steps may be kept. */
    void forgetBound() {
        bound.clear();
        Arrays.fill(readers, null);
    }

    private String registeredVersions(String type) {
        List<ServicesByType.Registered<ValueTransform>> versions = registry.registered().getOrDefault(type,
                List.of());
        return versions.isEmpty() ? "none is registered" : "registered: " + versions.stream()
                .map(r -> r.type() + " " + r.version()).collect(Collectors.joining(", "));
    }

    private static String where(ValueIdentity identity) {
        return "store " + label(identity) + ", key '" + identity.key() + "'";
    }

    private static String label(ValueIdentity identity) {
        return identity.namespace() + "/" + identity.store();
    }
}
