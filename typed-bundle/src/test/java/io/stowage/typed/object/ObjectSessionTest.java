package io.stowage.typed.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.stowage.api.Store;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.Codecs;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.Ref;

/**
 * An object session loads lazily, commits what changed and the new objects reachable from it in one transaction,
 * writes nothing when its work fails, and never gives away a reference it cannot load.
 */
class ObjectSessionTest {

    @RegisterExtension
    static final Backends backends = new Backends();


    @OnBothBackends
    void aGraphOfNewRecordsIsStoredWithItsRootAndReadBack(String backend) {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        Ref<Author> author = Ref.to(new Author("Le Guin"));
        objects.inSession(session -> session.setRoot("shelf",
                new Book("The Dispossessed", author, Ref.to(new Book("The Word for World", author, null)))));

        assertTrue(author.id().isPresent(), "a committed Ref.to knows its target's id");
        String read = objects.fromSession(session -> {
            Book book = session.root("shelf", Book.class);
            Book sequel = book.sequel().get();
            assertSame(book.author().get(), sequel.author().get(), "one id, one object per session");
            return book.title() + " / " + sequel.title() + " / " + book.author().get().name();
        });
        assertEquals("The Dispossessed / The Word for World / Le Guin", read);
        assertEquals(3, objects.store().keys("obj:*", 100).items().size(), "the author is stored once");
        assertEquals(author.id().orElseThrow(),
                objects.fromSession(s -> s.root("shelf", Book.class).author().id().orElseThrow()));
    }

    @OnBothBackends
    void referencesLoadOnlyWhenFollowed(String backend) {
        CountingStore counting = new CountingStore(backends.fresh(backend));
        ObjectStore objects = ObjectStores.over(counting.store());
        objects.inSession(session -> {
            Node head = new Node("0");
            Node last = head;
            for (int i = 1; i < 10; i++) {
                Node next = new Node(String.valueOf(i));
                last.next = Ref.to(next);
                last = next;
            }
            session.setRoot("chain", head);
        });
        counting.objectReads.set(0);

        objects.inSession(session -> {
            Node head = session.root("chain", Node.class);
            assertEquals(1, counting.objectReads.get(), "the root alone");
            Node third = head.next.get().next.get();
            assertEquals("2", third.name);
            assertEquals(3, counting.objectReads.get(), "two references followed, two objects read");
            head.next.get();
            assertEquals(3, counting.objectReads.get(), "a loaded object is not read again");
        });
    }

    @OnBothBackends
    void aMutatedPlainObjectIsCommittedWithoutSaveAndAnUnchangedOneIsNotWritten(String backend) {
        CountingStore counting = new CountingStore(backends.fresh(backend));
        ObjectStore objects = ObjectStores.over(counting.store());
        objects.inSession(session -> session.setRoot("r", Node.withChild("root", "child")));

        counting.writes.set(0);
        objects.inSession(session -> session.root("r", Node.class).next.get());
        assertEquals(0, counting.writes.get(), "reading writes nothing");

        objects.inSession(session -> session.root("r", Node.class).next.get().count = 7);
        assertEquals(1, counting.writes.get(), "only the changed child is written");
        long count = objects.fromSession(session -> session.root("r", Node.class).next.get().count);
        assertEquals(7, count);
    }

    @OnBothBackends
    void aRecordIsChangedByReplacingItAndReferencesFollowTheReplacement(String backend) {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        objects.inSession(session -> session.setRoot("b",
                new Book("first", Ref.to(new Author("a")), Ref.to(new Book("draft", null, null)))));

        objects.inSession(session -> {
            Book book = session.root("b", Book.class);
            Book sequel = book.sequel().get();
            session.replace(sequel, sequel.withTitle("second"));
            assertEquals("second", book.sequel().get().title(), "the reference loads the replacement");
        });
        assertEquals("second", objects.fromSession(s -> s.root("b", Book.class).sequel().get().title()));
        assertEquals(3, objects.store().keys("obj:*", 100).items().size(), "replaced in place, not copied");

        IllegalArgumentException notLoaded = assertThrows(IllegalArgumentException.class,
                () -> objects.inSession(s -> s.replace(new Author("x"), new Author("y"))));
        assertTrue(notLoaded.getMessage().contains("did not load"), notLoaded.getMessage());
    }

    @OnBothBackends
    void workThatFailsWritesNothing(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> session.setRoot("r", new Node("before")));
        List<String> before = store.keys("*", 100).items();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> objects.inSession(session -> {
            Node root = session.root("r", Node.class);
            root.name = "after";
            root.next = Ref.to(new Node("new"));
            session.setRoot("other", new Node("other"));
            throw new IllegalStateException("the work fails");
        }));

        assertEquals("the work fails", failure.getMessage());
        assertEquals(before, store.keys("*", 100).items(), "no key added or removed");
        assertEquals("before", objects.fromSession(session -> session.root("r", Node.class).name));
    }

    @OnBothBackends
    void newObjectsReachableFromNothingCommittedAreNotStored(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> {
            session.setRoot("r", new Node("kept"));
            Ref.to(new Node("unlinked"));
        });
        assertEquals(1, store.keys("obj:*", 100).items().size());
    }

    @OnBothBackends
    void rootsAreSetReadAndRemoved(String backend) {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        assertNull(objects.fromSession(session -> session.root("missing", Node.class)));
        objects.inSession(session -> session.setRoot("a", new Node("a")));
        assertEquals(Boolean.TRUE, objects.fromSession(session -> session.removeRoot("a")));
        assertEquals(Boolean.FALSE, objects.fromSession(session -> session.removeRoot("a")));
        assertNull(objects.fromSession(session -> session.root("a", Node.class)));

        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class,
                () -> objects.inSession(session -> session.setRoot("a*b", new Node("x"))));
        assertEquals("root name 'a*b' holds '*' at index 1: root keys must stay glob-safe, without * ? \\ or "
                + "control characters", glob.getMessage());
        assertThrows(IllegalArgumentException.class, () -> objects.inSession(s -> s.root("", Node.class)));
    }

    @OnBothBackends
    void referencesDoNotOutliveTheirSession(String backend) {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        objects.inSession(session -> session.setRoot("r", Node.withChild("root", "child")));
        Node detached = objects.fromSession(session -> session.root("r", Node.class));

        IllegalStateException ended = assertThrows(IllegalStateException.class, () -> detached.next.get());
        assertTrue(ended.getMessage().contains("has ended"), ended.getMessage());
        IllegalStateException stored = assertThrows(IllegalStateException.class,
                () -> objects.inSession(session -> session.setRoot("copy", detached)));
        assertTrue(stored.getMessage().contains("read by a session that has ended"), stored.getMessage());
    }

    @OnBothBackends
    void anObjectReadAsAnotherTypeOrAMapValueReadAsAnObjectIsATypedError(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> session.setRoot("r", new Node("n")));

        CodecMismatchException type = assertThrows(CodecMismatchException.class,
                () -> objects.inSession(session -> session.root("r", Author.class)));
        assertTrue(type.getMessage().contains("holds a " + Node.class.getName() + ", read as a "
                + Author.class.getName()), type.getMessage());

        String id = objects.fromSession(session -> session.refTo(session.root("r", Node.class)).id().orElseThrow());
        PersistentMaps.of(store, Codecs.strings(), Codecs.strings()).set("obj:" + id, "not an object");
        CodecMismatchException codec = assertThrows(CodecMismatchException.class,
                () -> objects.inSession(session -> session.root("r", Node.class)));
        assertTrue(codec.getMessage().contains("written by codec 'string'"), codec.getMessage());
    }

    @OnBothBackends
    void aListOfReferencesIsStoredAndLoadsEachTarget(String backend) {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        objects.inSession(session -> {
            Shelf shelf = new Shelf();
            for (int i = 0; i < 3; i++) {
                shelf.books.add(Ref.to(new Author("author " + i)));
            }
            session.setRoot("shelf", shelf);
        });
        List<String> names = objects.fromSession(session -> {
            List<String> all = new ArrayList<>();
            session.root("shelf", Shelf.class).books.forEach(ref -> all.add(ref.get().name()));
            return all;
        });
        assertEquals(List.of("author 0", "author 1", "author 2"), names);
        assertNotNull(objects.toString());
    }

    /** A plain class holding a list of references. */
    public static class Shelf {
        public List<Ref<Author>> books = new ArrayList<>();
    }
}
