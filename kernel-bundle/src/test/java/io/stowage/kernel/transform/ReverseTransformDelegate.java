package io.stowage.kernel.transform;

import java.util.Map;

import io.stowage.spi.TransformStep;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/** A transform that does what another does, for tests that change one behaviour of it. */
class ReverseTransformDelegate implements ValueTransform {

    private final ValueTransform delegate;

    ReverseTransformDelegate(ValueTransform delegate) {
        this.delegate = delegate;
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public int formatVersion() {
        return delegate.formatVersion();
    }

    @Override
    public boolean reads(int formatVersion) {
        return delegate.reads(formatVersion);
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        return delegate.bind(parameters);
    }

    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
        return delegate.decode(formatVersion, header, data, identity);
    }
}
