package io.stowage.typed.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;
import io.stowage.typed.codec.fixture.Envelope;
import io.stowage.typed.codec.fixture.Note;

/** Records and plain classes through Jackson; schema change; classes resolved through the type's own loader. */
class JsonCodecTest {

    record User(String name, int age, List<String> tags) {
    }

    /** A plain class: a no-argument constructor and public fields. */
    public static class Address {
        public String street;
        public int number;

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && java.util.Objects.equals(street, a.street) && number == a.number;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(street, number);
        }
    }

    /** User after an update of its bundle: {@code age} and {@code tags} removed, {@code email} and {@code admin} added. */
    record UserV2(String name, String email, boolean admin) {
    }

    @Test
    void aRecordRoundTrips() {
        Codec<User> users = Codecs.json(User.class);
        User user = new User("ada", 36, List.of("math", "engines"));
        assertEquals(user, users.decode(users.encode(user)));
        assertEquals(user, users.fromKey(users.toKey(user)));
        assertEquals("json:" + User.class.getName(), users.id());
    }

    @Test
    void aPlainClassRoundTrips() {
        Codec<Address> addresses = Codecs.json(Address.class);
        Address address = new Address();
        address.street = "Main";
        address.number = 7;
        assertEquals(address, addresses.decode(addresses.encode(address)));
    }

    @Test
    void anAddedFieldReadsAsItsDefaultAndARemovedOneIsIgnored() {
        byte[] old = Codecs.json(User.class).encode(new User("ada", 36, List.of("math")));
        UserV2 read = Codecs.json(UserV2.class).decode(old);
        assertEquals("ada", read.name());
        assertNull(read.email());
        assertEquals(false, read.admin());
    }

    @Test
    void jsonThatIsNotTheTypeIsRefusedWithTheClassNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.json(User.class).decode("[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(User.class.getName()), e.getMessage());
    }

    /**
     * The codec of a class from another loader (another bundle's) resolves the class names in the JSON through that
     * loader, though the thread's context loader and Jackson's own see the test's classes of the same names.
     */
    @Test
    void classesNamedInTheJsonResolveThroughTheTypesLoaderNotTheContextLoader() throws Exception {
        ClassLoader testLoader = JsonCodecTest.class.getClassLoader();
        IsolatingClassLoader bundle = new IsolatingClassLoader(Envelope.class.getPackageName(), testLoader);
        Class<?> envelopeType = bundle.loadClass(Envelope.class.getName());
        assertNotSame(Envelope.class, envelopeType);

        Thread.currentThread().setContextClassLoader(testLoader);
        Envelope mine = new Envelope();
        mine.content = new Note("hello");
        byte[] json = Codecs.json(Envelope.class).encode(mine);

        Object decoded = Codecs.json(envelopeType).decode(json);
        Object content = envelopeType.getField("content").get(decoded);
        assertSame(bundle, content.getClass().getClassLoader());
        assertEquals(Note.class.getName(), content.getClass().getName());
        assertEquals("hello", content.getClass().getMethod("text").invoke(content));
    }
}
