package io.stowage.typed.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.stowage.typed.Codec;
import io.stowage.typed.CodecRegistry;

/**
 * The {@link CodecRegistry} service: binds every {@link Codec} service as it comes and unbinds it as it goes (a
 * dynamic reference), so a handle finds only codecs registered now. One registry serves every bundle: handles hold
 * no service object, so there is nothing per bundle to release.
 */
@Component(service = CodecRegistry.class)
public final class CodecWhiteboard implements CodecRegistry {

    private final RegisteredCodecs codecs = new RegisteredCodecs();

    @Reference(service = Codec.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbind")
    void bind(Codec<?> codec, Map<String, Object> properties) {
        codecs.add(new RegisteredCodecs.Registration(codec, serviceId(properties),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0,
                properties.get(Constants.SERVICE_BUNDLEID) instanceof Long bundle ? bundle : -1L));
    }

    void unbind(Codec<?> codec, Map<String, Object> properties) {
        codecs.remove(serviceId(properties));
    }

    @Override
    public Set<String> ids() {
        return codecs.ids();
    }

    @Override
    public <T> Codec<T> codec(String id, Class<T> type) {
        if (Objects.requireNonNull(id, "id").isEmpty()) {
            throw new IllegalArgumentException("a codec id is not empty");
        }
        return new CodecHandle<>(codecs, id, Objects.requireNonNull(type, "type"));
    }

    private static long serviceId(Map<String, Object> properties) {
        return (Long) properties.get(Constants.SERVICE_ID);
    }
}
