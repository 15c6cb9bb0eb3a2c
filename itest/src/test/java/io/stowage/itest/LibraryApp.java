package io.stowage.itest;

/**
 * The sources of a small application that keeps a shelf of books as an object graph, in the versions
 * {@link ObjectGraphUpdateIT} updates it through: the root {@code Shelf} is a plain class holding a label and a list of
 * {@code Ref<Book>}; {@code Book} is a record with a {@code Ref<Author>}, and two books share one author. Its activator
 * opens an object store over its store {@value #STORE} and publishes a {@code Function<String, Object>} service as
 * {@link AppServices} describe, which runs the command it is given in a session and answers in JDK types only:
 * <ul>
 * <li>{@code seed}: sets the root {@value #ROOT} to this version's shelf, unless it exists;
 * <li>{@code count}: how many books the shelf holds (-1 with no root), following no book;
 * <li>{@code first}: the first book's title, following no author;
 * <li>{@code read}: the whole graph: the label, each book's fields, the books' and authors' ids, and for each book
 * which distinct author object (by identity, in the session) it led to; or {@code "no root"};
 * <li>{@code edit}: relabels the shelf in place and replaces the first book by its revision, without a save;
 * <li>{@code drop <author>}: removes that author's books from the shelf;
 * <li>{@code keys}: every key of its store, sorted;
 * <li>{@code forge <id>}: points the root {@code forged} at an object id the test names, and answers what reading
 * it gave: the message of the error, or {@code "reached"}.
 * </ul>
 */
final class LibraryApp {

    static final String STORE = "library";
    static final String ROOT = "shelf";

    private LibraryApp() {
    }

    /** Version 1: {@code Book(title, isbn, year, author)}. */
    static AppBundles version1(String symbolicName) {
        return common(symbolicName).version("1.0.0")
                .source("demo.library.Book", """
                        package demo.library;
                        import io.stowage.typed.Ref;
                        public record Book(String title, String isbn, int year, Ref<Author> author) {}
                        """)
                .source("demo.library.Librarian", """
                        package demo.library;
                        import java.util.*;
                        import io.stowage.typed.Ref;
                        final class Librarian {
                            static Shelf seed() {
                                Shelf shelf = new Shelf();
                                shelf.label = "seeded by 1.0.0";
                                Author leGuin = new Author("Ursula K. Le Guin");
                                shelf.books.add(Ref.to(new Book("The Dispossessed", "978-0060512750", 1974,
                                        Ref.to(leGuin))));
                                shelf.books.add(Ref.to(new Book("The Left Hand of Darkness", "978-0441478125", 1969,
                                        Ref.to(leGuin))));
                                shelf.books.add(Ref.to(new Book("Kindred", "978-0807083697", 1979,
                                        Ref.to(new Author("Octavia E. Butler")))));
                                return shelf;
                            }
                            static String title(Book book) {
                                return book.title();
                            }
                            static Map<String, Object> describe(Book book) {
                                return Map.of("title", book.title(), "isbn", book.isbn(), "year", book.year(),
                                        "author", book.author().get().name());
                            }
                            static Book revised(Book book) {
                                return new Book(book.title() + " (revised)", book.isbn(), book.year(), book.author());
                            }
                        }
                        """);
    }

    /**
     * Version 2: {@code isbn} removed, {@code edition} added, {@code title} renamed {@code name} and mapped by
     * {@code @JsonAlias}: {@code Book(name, year, author, edition)}.
     */
    static AppBundles version2(String symbolicName) {
        return common(symbolicName).version("2.0.0")
                .source("demo.library.Book", """
                        package demo.library;
                        import com.fasterxml.jackson.annotation.JsonAlias;
                        import io.stowage.typed.Ref;
                        public record Book(@JsonAlias("title") String name, int year, Ref<Author> author,
                                int edition) {}
                        """)
                .source("demo.library.Librarian", """
                        package demo.library;
                        import java.util.*;
                        import io.stowage.typed.Ref;
                        final class Librarian {
                            static Shelf seed() {
                                Shelf shelf = new Shelf();
                                shelf.label = "seeded by 2.0.0";
                                shelf.books.add(Ref.to(new Book("Parable of the Sower", 1993,
                                        Ref.to(new Author("Octavia E. Butler")), 1)));
                                return shelf;
                            }
                            static String title(Book book) {
                                return book.name();
                            }
                            static Map<String, Object> describe(Book book) {
                                // null allowed: a field that failed to map shows in the test's message
                                Map<String, Object> fields = new TreeMap<>();
                                fields.put("name", book.name());
                                fields.put("year", book.year());
                                fields.put("edition", book.edition());
                                fields.put("author", book.author().get().name());
                                return fields;
                            }
                            static Book revised(Book book) {
                                return new Book(book.name(), book.year(), book.author(), book.edition() + 1);
                            }
                        }
                        """);
    }

    private static AppBundles common(String symbolicName) {
        return AppBundles.typedApplication(symbolicName)
                .activator("demo.library.Activator")
                .source("demo.library.Author", """
                        package demo.library;
                        public record Author(String name) {}
                        """)
                .source("demo.library.Shelf", """
                        package demo.library;
                        import java.util.*;
                        import io.stowage.typed.Ref;
                        public class Shelf {
                            public String label;
                            public List<Ref<Book>> books = new ArrayList<>();
                        }
                        """)
                .source("demo.library.Commands", commands())
                .source("demo.library.Activator", """
                        package demo.library;
                        import java.util.*;
                        import java.util.function.Function;
                        import org.osgi.framework.*;
                        import io.stowage.api.*;
                        import io.stowage.typed.ObjectStores;
                        public final class Activator implements BundleActivator {
                            private Store store;
                            @Override
                            public void start(BundleContext context) {
                                ServiceReference<StorageService> reference =
                                        context.getServiceReference(StorageService.class);
                                if (reference == null) {
                                    throw new IllegalStateException("no StorageService to keep the library in");
                                }
                                store = context.getService(reference).store("%s");
                                String version = context.getBundle().getVersion().toString();
                                Dictionary<String, Object> properties = new Hashtable<>();
                                properties.put("%s", context.getBundle().getSymbolicName());
                                properties.put("%s", version);
                                context.registerService(Function.class,
                                        new Commands(ObjectStores.over(store), version), properties);
                            }
                            @Override
                            public void stop(BundleContext context) {
                                // the framework unregisters the commands and releases the storage service
                                store.close();
                            }
                        }
                        """.formatted(STORE, AppServices.APP, AppServices.VERSION));
    }

    private static String commands() {
        return """
                package demo.library;
                import java.util.*;
                import java.util.function.Function;
                import io.stowage.typed.*;
                final class Commands implements Function<String, Object> {
                    private final ObjectStore objects;
                    private final String version;
                    Commands(ObjectStore objects, String version) {
                        this.objects = objects;
                        this.version = version;
                    }
                    @Override
                    public Object apply(String command) {
                        String[] words = command.split(" ", 2);
                        return switch (words[0]) {
                            case "seed" -> objects.fromSession(session -> {
                                if (session.root("%1$s", Shelf.class) == null) {
                                    session.setRoot("%1$s", Librarian.seed());
                                }
                                return "seeded";
                            });
                            case "count" -> objects.fromSession(session -> {
                                Shelf shelf = session.root("%1$s", Shelf.class);
                                return shelf == null ? -1 : shelf.books.size();
                            });
                            case "first" -> objects.fromSession(session ->
                                    Librarian.title(session.root("%1$s", Shelf.class).books.get(0).get()));
                            case "read" -> objects.fromSession(Commands::read);
                            case "edit" -> objects.fromSession(session -> {
                                Shelf shelf = session.root("%1$s", Shelf.class);
                                shelf.label = "relabelled by " + version;
                                Book first = shelf.books.get(0).get();
                                session.replace(first, Librarian.revised(first));
                                return "edited";
                            });
                            case "drop" -> objects.fromSession(session -> session.root("%1$s", Shelf.class).books
                                    .removeIf(book -> book.get().author().get().name().equals(words[1])));
                            case "keys" -> {
                                List<String> keys = new ArrayList<>(objects.store().keys("*", 1000).items());
                                Collections.sort(keys);
                                yield keys;
                            }
                            case "forge" -> forge(words[1]);
                            default -> throw new IllegalArgumentException("no command " + command);
                        };
                    }
                    private static Object read(ObjectSession session) {
                        Shelf shelf = session.root("%1$s", Shelf.class);
                        if (shelf == null) {
                            return "no root";
                        }
                        List<Object> books = new ArrayList<>();
                        List<Object> bookIds = new ArrayList<>();
                        List<Object> authorIds = new ArrayList<>();
                        List<Object> authorObjects = new ArrayList<>();
                        Map<Author, Integer> distinct = new IdentityHashMap<>();
                        for (Ref<Book> ref : shelf.books) {
                            Book book = ref.get();
                            books.add(Librarian.describe(book));
                            bookIds.add(ref.id().orElseThrow());
                            authorIds.add(book.author().id().orElseThrow());
                            authorObjects.add(distinct.computeIfAbsent(book.author().get(), a -> distinct.size()));
                        }
                        return Map.of("label", shelf.label, "books", books, "bookIds", bookIds,
                                "authorIds", authorIds, "authorObjects", authorObjects);
                    }
                    private Object forge(String id) {
                        PersistentMap<String, String> raw = PersistentMaps.of(objects.store(), Codecs.strings(),
                                Codecs.strings());
                        raw.put("root:forged", id);
                        try {
                            objects.fromSession(session -> session.root("forged", Book.class));
                            return "reached";
                        } catch (RuntimeException e) {
                            return e.getMessage();
                        } finally {
                            raw.remove("root:forged");
                        }
                    }
                }
                """.formatted(ROOT);
    }
}
