package io.stowage.typed.object;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.stowage.typed.Ref;

/**
 * Jackson's view of {@link Ref}: written as the target's id, read as a reference bound to the reading session. The
 * encoder and the session travel as attributes of the one write or read, so the mapper itself holds neither.
 */
final class RefModule extends SimpleModule {

    static final String ENCODER = "io.stowage.typed.ref-encoder";
    static final String SESSION = "io.stowage.typed.session";
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    RefModule() {
        super("stowage-refs");
        addSerializer((Class) Ref.class, new RefSerializer());
        addDeserializer((Class) Ref.class, new RefDeserializer(null));
    }

    private static final class RefSerializer extends StdSerializer<Ref<?>> {

        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unchecked", "rawtypes"})
        RefSerializer() {
            super((Class) Ref.class);
        }

        @Override
        public void serialize(Ref<?> ref, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (!(provider.getAttribute(ENCODER) instanceof RefEncoder encoder)) {
                throw JsonMappingException.from(provider, "a Ref is written only by an object session");
            }
            json.writeString(encoder.idOf(ref));
        }
    }

    private static final class RefDeserializer extends StdDeserializer<Ref<?>> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;
        private final Class<?> target;

        RefDeserializer(Class<?> target) {
            super(Ref.class);
            this.target = target;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JavaType type = context.getContextualType() != null ? context.getContextualType()
                    : property != null ? property.getType() : null;
            JavaType content = type == null ? null : type.containedType(0);
            if (content == null || content.getRawClass() == Object.class) {
                throw JsonMappingException.from(context, "a Ref needs its target type: declare Ref<Type>"
                        + (property == null ? "" : " for '" + property.getName() + "'"));
            }
            return new RefDeserializer(content.getRawClass());
        }

        @Override
        public Ref<?> deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (json.currentToken() != JsonToken.VALUE_STRING) {
                return (Ref<?>) context.handleUnexpectedToken(Ref.class, json);
            }
            if (!(context.getAttribute(SESSION) instanceof TransactionSession session)) {
                throw JsonMappingException.from(json, "a Ref is read only by an object session");
            }
            String id;
            try {
                id = ObjectKeys.checkId(json.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(json, e.getMessage());
            }
            return new LoadedRef<>(id, target, session);
        }
    }
}
