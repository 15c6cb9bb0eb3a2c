package io.stowage.typed.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stowage.typed.codec.ValueHeader;

/**
 * An object as stored: the typed header of {@link ObjectPayloadCodec}, then the JSON envelope
 * {@code {"type": class name, "refs": [ids], "value": the object's JSON}}. The reference list is there for those who
 * follow references without the application's classes: the garbage collector.
 */
record StoredObject(String type, List<String> refs, JsonNode value) {

    private static final byte[] CODEC_ID = ValueHeader.idBytes(ObjectPayloadCodec.INSTANCE);

    /** The stored bytes of an object whose JSON is {@code valueJson}. */
    static byte[] write(ObjectMapper mapper, String type, List<String> refs, byte[] valueJson) {
        try (var out = new java.io.ByteArrayOutputStream(valueJson.length + 64);
                JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeArrayFieldStart("refs");
            for (String ref : refs) {
                json.writeString(ref);
            }
            json.writeEndArray();
            json.writeFieldName("value");
            json.writeRawValue(new String(valueJson, StandardCharsets.UTF_8));
            json.writeEndObject();
            json.flush();
            return ValueHeader.wrap(ObjectPayloadCodec.INSTANCE, CODEC_ID, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an object envelope in memory", e);
        }
    }

    /**
     * The object the stored bytes hold.
     *
     * @param where what the bytes are, for messages
     * @throws io.stowage.typed.CodecMismatchException if they are not a stored object
     */
    static StoredObject read(ObjectMapper mapper, byte[] stored, String where) {
        byte[] envelope = ValueHeader.unwrap(ObjectPayloadCodec.INSTANCE, CODEC_ID, stored, where);
        JsonNode root;
        try {
            root = mapper.readTree(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(where + ": the object's envelope is not JSON: " + e.getMessage(), e);
        }
        JsonNode type = root.get("type");
        JsonNode refs = root.get("refs");
        if (type == null || !type.isTextual() || refs == null || !refs.isArray() || !root.has("value")) {
            throw new IllegalStateException(where + ": the object's envelope lacks its type, refs or value");
        }
        List<String> ids = new ArrayList<>(refs.size());
        refs.forEach(ref -> ids.add(ObjectKeys.checkId(ref.asText())));
        return new StoredObject(type.asText(), ids, root.get("value"));
    }
}
