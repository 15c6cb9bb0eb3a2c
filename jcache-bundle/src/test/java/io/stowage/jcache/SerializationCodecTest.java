package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SerializationCodecTest {

    record Point(int x, int y) implements Serializable {
    }

    /** Not serializable: a cache cannot hold it by value. */
    record Handle(Object resource) {
    }

    @Test
    void theDefaultAllowListReadsTheJdksValueTypesOnly() {
        SerializationCodec codec = codec(new Properties());
        assertEquals(List.of(1, Map.of("a", 2L)), codec.decode(codec.encode(List.of(1, Map.of("a", 2L)))));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(codec.encode(new Point(1, 2))));
        assertTrue(refused.getMessage().contains(CacheSettings.SERIAL_ALLOW), refused.getMessage());
    }

    @Test
    void theManagersPropertiesAddToTheAllowList() {
        Properties properties = new Properties();
        properties.setProperty(CacheSettings.SERIAL_ALLOW, "io.stowage.jcache.SerializationCodecTest$Point");
        SerializationCodec codec = codec(properties);
        assertEquals(new Point(1, 2), codec.decode(codec.encode(new Point(1, 2))));
        assertEquals(new Point(3, 4), codec.fromKey(codec.toKey(new Point(3, 4))));
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> codec(new Properties()).encode(new Handle(new Object())));
        assertTrue(refused.getMessage().contains(Handle.class.getName()), refused.getMessage());
    }

    @Test
    void bytesThatAreNotASerializedObjectAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> codec(new Properties()).decode(new byte[] {1, 2, 3}));
    }

    private SerializationCodec codec(Properties properties) {
        return new SerializationCodec(getClass().getClassLoader(), CacheSettings.serialFilter(properties));
    }
}
