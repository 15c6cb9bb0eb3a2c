package io.stowage.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A configuration as ConfigAdmin delivers it, from a .cfg file or a typed one, becomes the same settings. */
class RedisSettingsTest {

    @Test
    void aCfgFileListsSeedNodesInOneCommaSeparatedValue() {
        RedisSettings settings = RedisSettings.of(config(Map.of("mode", "cluster",
                "uris", new String[] {"redis://10.0.0.1:7000, 10.0.0.2:7001,rediss://10.0.0.3:7002"})));

        assertEquals(List.of(new RedisSettings.Endpoint("10.0.0.1", 7000), new RedisSettings.Endpoint("10.0.0.2", 7001),
                new RedisSettings.Endpoint("10.0.0.3", 7002)), settings.endpoints);
        assertEquals(true, settings.tls);
    }

    @Test
    void aTypedConfigurationListsThemAsAnArray() {
        RedisSettings settings = RedisSettings.of(config(Map.of("mode", "cluster",
                "uris", new String[] {"10.0.0.1:7000", "10.0.0.2:7001"})));

        assertEquals(List.of(new RedisSettings.Endpoint("10.0.0.1", 7000), new RedisSettings.Endpoint("10.0.0.2", 7001)),
                settings.endpoints);
    }

    @Test
    void theClientIsJedisUnlessLettuceIsNamed() {
        assertEquals(RedisSettings.Client.JEDIS, RedisSettings.of(config(Map.of())).client);
        assertEquals(RedisSettings.Client.LETTUCE, RedisSettings.of(config(Map.of("client", " Lettuce"))).client);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.of(config(Map.of("client", "redisson"))));
        assertTrue(unknown.getMessage().contains("client 'redisson' is neither jedis nor lettuce"),
                unknown.getMessage());
    }

    /** The configuration's annotation with these values, and its defaults for the rest. */
    private static RedisBackendConfig config(Map<String, Object> values) {
        return (RedisBackendConfig) Proxy.newProxyInstance(RedisBackendConfig.class.getClassLoader(),
                new Class<?>[] {RedisBackendConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "settings";
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
