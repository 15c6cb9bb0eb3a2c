package io.stowage.kernel.store;

import java.util.Arrays;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.spi.ValueIdentity;

/**
 * A store's values between the caller and the envelope: a write goes through the chain its route names now (if
 * any), a read undoes whatever chain the stored value's header records, whatever the route says now. A store whose
 * route names no chain costs one field read per write and nothing per read of a plain value; only values that go
 * through a chain are counted and timed (the time includes any wait for a missing transform, as a caller sees it;
 * one value in {@link io.stowage.kernel.metrics.TransformCounter#TIMED_ONE_IN} per thread is timed).
 */
final class StoreValues {

    private final StoreRoute route;
    private final Kernel kernel;

    StoreValues(StoreRoute route, Kernel kernel) {
        this.route = route;
        this.kernel = kernel;
    }

    /** The envelope of a caller's value: checked, through the route's chain when it has one, with the expiry. */
    byte[] envelope(String key, byte[] value, long expiresAt) {
        TransformChain chain = route.chain();
        if (chain == null) {
            return ValueEnvelope.wrap(route.label, key, value, expiresAt);
        }
        ValueEnvelope.check(route.label, key, value);
        long started = route.metrics.transforms.encodeStarts();
        int headroom = ValueEnvelope.headerLength(expiresAt);
        byte[] roomy = kernel.transforms().codec().encode(chain, value, identity(key),
                kernel.operationTimeoutMillis(), headroom);
        route.metrics.transforms.encoded(value.length, roomy == null ? value.length : roomy.length - headroom,
                roomy == null, started);
        return roomy == null ? ValueEnvelope.wrap(value, expiresAt) : ValueEnvelope.transformedInPlace(roomy, expiresAt);
    }

    /** The caller's value in a stored envelope, its transforms undone. */
    byte[] value(String key, byte[] envelope) {
        byte[] unwrapped = ValueEnvelope.unwrap(envelope);
        return ValueEnvelope.isTransformed(envelope) ? decode(key, unwrapped) : unwrapped;
    }

    /** A transformed payload's value. */
    byte[] decode(String key, byte[] payload) {
        long started = route.metrics.transforms.decodeStarts();
        byte[] value = kernel.transforms().codec().decode(payload, identity(key), kernel.operationTimeoutMillis());
        route.metrics.transforms.decoded(payload.length, value.length, started);
        return value;
    }

    /** Whether the envelope holds this value, compared decoded: a chain may write one value as different bytes. */
    boolean valueEquals(String key, byte[] envelope, byte[] expected) {
        return ValueEnvelope.isTransformed(envelope) ? Arrays.equals(value(key, envelope), expected)
                : ValueEnvelope.valueEquals(envelope, expected);
    }

    private ValueIdentity identity(String key) {
        return new ValueIdentity(route.namespace, route.name, key);
    }
}
