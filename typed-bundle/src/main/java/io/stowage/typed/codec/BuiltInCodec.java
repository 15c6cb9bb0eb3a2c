package io.stowage.typed.codec;

import io.stowage.typed.Codec;

/** What every built-in codec has: an id, a type, whether it keeps order, and version 1 (none has changed form yet). */
abstract class BuiltInCodec<T> implements Codec<T> {

    private final String id;
    private final Class<T> type;
    private final boolean preservesOrder;

    BuiltInCodec(String id, Class<T> type, boolean preservesOrder) {
        this.id = id;
        this.type = type;
        this.preservesOrder = preservesOrder;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int version() {
        return 1;
    }

    @Override
    public final Class<T> type() {
        return type;
    }

    @Override
    public final boolean preservesOrder() {
        return preservesOrder;
    }
}
