package io.stowage.index.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stowage.api.InvalidValueException;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * The {@code json} index function: the index keys of a JSON value are the field its {@code pointer} parameter picks
 * (a JSON Pointer, RFC 6901, such as {@code /email} or {@code /address/city}): a string as it is, a number or a
 * boolean as its JSON text, an array as each of its scalar elements. A missing field, {@code null} or an object gives
 * no key. With {@code lowercase=true} string keys are lower-cased (in the root locale), for case-insensitive lookups.
 *
 * <p>Numbers index as their text, so a range over numbers is in text order ("10" before "9"); index a zero-padded
 * string field for numeric ranges. A value that is not JSON gives no key, or is refused if so configured.
 *
 * <p>A value of the typed-data layer (a {@code PersistentMap}'s or an {@code ObjectStore}'s) is indexed by its
 * payload, the bytes after its {@link TypedHeader}, with no option to set: no JSON text starts with the header's
 * format byte, so no other value is read differently. A JSON codec's payload is the record's JSON ({@code /email});
 * an object store's is {@code {"type":..., "refs":[...], "value":{...}}} ({@code /value/email}). A payload that is
 * not JSON (a binary codec's) is a value that is not JSON like any other.
 */
@Component(service = IndexFunction.class, configurationPid = JsonIndex.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = IndexFunction.TYPE + "=" + JsonIndex.TYPE)
@Designate(ocd = JsonIndexConfig.class)
public final class JsonIndex implements IndexFunction {

    static final String PID = "io.stowage.index.json";
    static final String TYPE = "json";
    private static final Set<String> PARAMETERS = Set.of("pointer", "lowercase");

    private final ObjectMapper mapper = new ObjectMapper();
    private final int maxKeysPerValue;
    private final boolean refuseInvalidJson;

    @Activate
    public JsonIndex(JsonIndexConfig config) {
        this(config.maxKeysPerValue(), config.refuseInvalidJson());
    }

    JsonIndex(int maxKeysPerValue, boolean refuseInvalidJson) {
        if (maxKeysPerValue < 1) {
            throw new IllegalArgumentException("maxKeysPerValue must be at least 1, not " + maxKeysPerValue);
        }
        this.maxKeysPerValue = maxKeysPerValue;
        this.refuseInvalidJson = refuseInvalidJson;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public IndexKeys bind(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (json takes pointer and lowercase)");
            }
        }
        String text = parameters.get("pointer");
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("parameter 'pointer' is missing: the JSON Pointer of the field to "
                    + "index, such as /email");
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pointer '" + text + "' is not a JSON Pointer: " + e.getMessage());
        }
        String lowercase = parameters.getOrDefault("lowercase", "false");
        if (!lowercase.equals("true") && !lowercase.equals("false")) {
            throw new IllegalArgumentException("parameter 'lowercase' must be true or false, not '" + lowercase + "'");
        }
        boolean lower = lowercase.equals("true");
        return (key, value) -> keys(key, value, pointer, lower);
    }

    private List<String> keys(String key, byte[] value, JsonPointer pointer, boolean lower) {
        int offset = 0;
        String what = "the value";
        if (TypedHeader.starts(value)) {
            TypedHeader header = TypedHeader.read(value);
            if (header == null) {
                return invalid(key, what, "it starts with the typed-data format byte 0xF5 but its " + value.length
                        + " bytes cannot hold a typed header");
            }
            offset = header.payloadOffset();
            what = "the typed value of codec '" + header.codecId() + "' version " + header.codecVersion();
        }
        JsonNode root;
        try {
            root = mapper.readTree(value, offset, value.length - offset);
        } catch (JsonProcessingException e) {
            return invalid(key, what, e.getOriginalMessage());
        } catch (IOException e) {
            return invalid(key, what, e.getMessage());
        }
        JsonNode field = root == null ? null : root.at(pointer);
        List<String> keys = new ArrayList<>();
        if (field != null && field.isArray()) {
            field.forEach(element -> add(keys, element, lower));
        } else if (field != null) {
            add(keys, field, lower);
        }
        if (keys.size() > maxKeysPerValue) {
            throw new InvalidValueException("key '" + key + "': field " + pointer + " gives " + keys.size()
                    + " index keys, over the limit of " + maxKeysPerValue);
        }
        return keys;
    }

    private static void add(List<String> keys, JsonNode node, boolean lower) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (!text.isEmpty()) {
                keys.add(lower ? text.toLowerCase(Locale.ROOT) : text);
            }
        } else if (node.isNumber() || node.isBoolean()) {
            keys.add(node.asText());
        }
    }

    private List<String> invalid(String key, String what, String problem) {
        if (refuseInvalidJson) {
            throw new InvalidValueException("key '" + key + "': " + what + " is not JSON (" + problem + ")");
        }
        return List.of();
    }
}
