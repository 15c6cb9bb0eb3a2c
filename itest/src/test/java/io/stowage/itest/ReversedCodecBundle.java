package io.stowage.itest;

/**
 * The sources of a third party's codec bundle: its activator registers a {@code Codec<String>} service with id
 * {@value #ID}, which stores strings reversed, so a test can see in the stored bytes which codec wrote them.
 */
final class ReversedCodecBundle {

    static final String NAME = "demo.codec.reversed";
    static final String ID = "demo:reversed";

    private ReversedCodecBundle() {
    }

    static AppBundles sources() {
        return AppBundles.bundle(NAME)
                .imports("io.stowage.typed;version=\"[1.1,2)\"")
                .activator("demo.codec.Activator")
                .source("demo.codec.Reversed", """
                        package demo.codec;
                        import java.nio.charset.StandardCharsets;
                        import io.stowage.typed.Codec;
                        public final class Reversed implements Codec<String> {
                            public String id() { return "%s"; }
                            public int version() { return 1; }
                            public Class<String> type() { return String.class; }
                            public boolean preservesOrder() { return false; }
                            public byte[] encode(String value) { return reverse(value).getBytes(StandardCharsets.UTF_8); }
                            public String decode(byte[] bytes) { return reverse(new String(bytes, StandardCharsets.UTF_8)); }
                            public String toKey(String value) { return value; }
                            public String fromKey(String key) { return key; }
                            private static String reverse(String text) { return new StringBuilder(text).reverse().toString(); }
                        }
                        """.formatted(ID))
                .source("demo.codec.Activator", """
                        package demo.codec;
                        import org.osgi.framework.*;
                        import io.stowage.typed.Codec;
                        public final class Activator implements BundleActivator {
                            public void start(BundleContext context) {
                                context.registerService(Codec.class, new Reversed(), null);
                            }
                            public void stop(BundleContext context) {
                                // the framework unregisters the codec, and the registry drops it
                            }
                        }
                        """);
    }
}
