package io.stowage.typed.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings as their UTF-8 bytes, and as keys of themselves. The order it preserves is Unicode code point order (the
 * order of UTF-8 bytes), which is {@link String#compareTo} order except where a supplementary character (a surrogate
 * pair) meets a character from U+E000 to U+FFFF: there code point order puts the supplementary one last.
 *
 * <p>A string with a lone surrogate has no UTF-8 form: {@link #encode} refuses it rather than store a {@code ?} in
 * its place, and the store refuses it as a key. The empty string is a value, but not a key (the store's keys are
 * non-empty).
 */
public final class StringCodec extends BuiltInCodec<String> {

    public StringCodec() {
        super("string", String.class, true);
    }

    @Override
    public byte[] encode(String value) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a string with a lone surrogate has no UTF-8 form", e);
        }
    }

    @Override
    public String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a 'string' payload is UTF-8, and these bytes are not", e);
        }
    }

    @Override
    public String toKey(String value) {
        return value;
    }

    @Override
    public String fromKey(String key) {
        return key;
    }
}
