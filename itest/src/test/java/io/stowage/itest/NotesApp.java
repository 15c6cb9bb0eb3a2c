package io.stowage.itest;

/**
 * The sources of a small application that keeps notes (records) in a {@code PersistentMap} through the JSON codec,
 * in the versions {@link TypedDataUpdateIT} updates it through. On start its activator writes what its version
 * writes, reads the whole map back, and publishes what it read as a {@code Supplier<Map<String, Object>>} service
 * as {@link AppServices} describe. Each note reads as a map of its record's components; a component of a class
 * of the application's own says whether this revision's class loader defined it.
 */
final class NotesApp {

    private NotesApp() {
    }

    /** Version 1: writes three notes, the third with no attachment. */
    static AppBundles version1(String symbolicName) {
        return common(symbolicName).version("1.0.0")
                .source("demo.notes.Note", """
                        package demo.notes;
                        import com.fasterxml.jackson.annotation.JsonTypeInfo;
                        public record Note(String title, String body, int priority,
                                @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object attachment) {}
                        """)
                .source("demo.notes.Seed", """
                        package demo.notes;
                        import io.stowage.typed.PersistentMap;
                        final class Seed {
                            static void write(PersistentMap<String, Note> notes) {
                                notes.putIfAbsent("n1", new Note("first", "body one", 5, new Tag("red")));
                                notes.putIfAbsent("n2", new Note("second", "body two", 3, new Tag("blue")));
                                notes.putIfAbsent("n3", new Note("third", "body three", 1, null));
                            }
                        }
                        """);
    }

    /**
     * Version 2: {@code priority} removed, {@code stars} added, {@code body} renamed {@code text} and mapped by
     * {@code @JsonAlias}; writes one note of the new shape.
     */
    static AppBundles version2(String symbolicName) {
        return common(symbolicName).version("2.0.0")
                .source("demo.notes.Note", """
                        package demo.notes;
                        import com.fasterxml.jackson.annotation.JsonAlias;
                        import com.fasterxml.jackson.annotation.JsonTypeInfo;
                        public record Note(String title, @JsonAlias("body") String text, int stars,
                                @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object attachment) {}
                        """)
                .source("demo.notes.Seed", """
                        package demo.notes;
                        import io.stowage.typed.PersistentMap;
                        final class Seed {
                            static void write(PersistentMap<String, Note> notes) {
                                notes.putIfAbsent("n4", new Note("fourth", "text four", 4, new Tag("green")));
                            }
                        }
                        """);
    }

    /** Version 1's classes with a seed that writes nothing: an application that only reads its own store. */
    static AppBundles reader(String symbolicName) {
        return version1(symbolicName).source("demo.notes.Seed", """
                package demo.notes;
                import io.stowage.typed.PersistentMap;
                final class Seed {
                    static void write(PersistentMap<String, Note> notes) {
                    }
                }
                """);
    }

    private static AppBundles common(String symbolicName) {
        return AppBundles.typedApplication(symbolicName)
                .activator("demo.notes.Activator")
                .source("demo.notes.Tag", """
                        package demo.notes;
                        public record Tag(String name) {}
                        """)
                .source("demo.notes.Activator", """
                        package demo.notes;
                        import java.lang.reflect.RecordComponent;
                        import java.util.*;
                        import java.util.function.Supplier;
                        import org.osgi.framework.*;
                        import io.stowage.api.StorageService;
                        import io.stowage.typed.*;
                        public final class Activator implements BundleActivator {
                            @Override
                            public void start(BundleContext context) throws Exception {
                                ServiceReference<StorageService> reference =
                                        context.getServiceReference(StorageService.class);
                                if (reference == null) {
                                    throw new IllegalStateException("no StorageService to keep notes in");
                                }
                                StorageService storage = context.getService(reference);
                                PersistentMap<String, Note> notes = PersistentMaps.of(storage.store("notes"),
                                        Codecs.strings(), Codecs.json(Note.class));
                                Seed.write(notes);
                                Map<String, Object> read = new TreeMap<>();
                                for (Map.Entry<String, Note> note : notes.entrySet()) {
                                    read.put(note.getKey(), components(note.getValue()));
                                }
                                Map<String, Object> report = Collections.unmodifiableMap(read);
                                Dictionary<String, Object> properties = new Hashtable<>();
                                properties.put("%s", context.getBundle().getSymbolicName());
                                properties.put("%s", context.getBundle().getVersion().toString());
                                context.registerService(Supplier.class, () -> report, properties);
                            }

                            @Override
                            public void stop(BundleContext context) {
                                // the framework unregisters the report and releases the storage service
                            }

                            private static Map<String, Object> components(Record record) throws Exception {
                                Map<String, Object> components = new TreeMap<>();
                                for (RecordComponent component : record.getClass().getRecordComponents()) {
                                    Object value = component.getAccessor().invoke(record);
                                    components.put(component.getName(), value == null ? "null" : describe(value));
                                }
                                return components;
                            }

                            private static Object describe(Object value) {
                                ClassLoader loader = value.getClass().getClassLoader();
                                if (loader == null) {
                                    return value;
                                }
                                return value + (loader == Activator.class.getClassLoader()
                                        ? " of this revision" : " of another class loader: " + loader);
                            }
                        }
                        """.formatted(AppServices.APP, AppServices.VERSION));
    }
}
