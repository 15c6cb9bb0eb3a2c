package io.stowage.typed.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.stowage.api.Store;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.Ref;

/**
 * A collection deletes exactly what no root reaches, keeps what sessions link while it marks, holds a page of ids at
 * a time, and leaves none of its own keys behind.
 */
class GarbageCollectorTest {

    @RegisterExtension
    static final Backends backends = new Backends();


    @OnBothBackends
    void deletesOnlyWhatNoRootReaches(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> {
            Node a = new Node("a");
            a.next = Ref.to(new Node("b"));
            a.extra = Ref.to(new Node("kept"));
            session.setRoot("a", a);
            session.setRoot("c", new Node("c"));
        });
        objects.inSession(session -> {
            session.root("a", Node.class).next = null;
            session.removeRoot("c");
        });

        GarbageCollection run = ObjectStores.collectGarbage(store);

        assertEquals(1, run.roots());
        assertEquals(2, run.reachable());
        assertEquals(2, run.collected(), "b, unlinked, and c, whose root went");
        assertEquals(2, store.keys("obj:*", 100).items().size());
        assertEquals("kept", objects.fromSession(session -> session.root("a", Node.class).extra.get().name));
        assertEquals(List.of(), store.keys("gc:*", 100).items(), "no state or mark left");
    }

    /**
     * The case a collection without the write barrier loses: while it marks, a session moves an object from a parent
     * not marked yet to one marked already. Neither parent, when marked, refers to it; only the barrier's grey key
     * does.
     */
    @OnBothBackends
    void keepsAnObjectMovedUnderAMarkedParentWhileMarking(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> {
            for (String name : List.of("p", "q")) {
                session.setRoot(name, Node.withChild(name, name + "-child"));
            }
        });
        AtomicReference<String> moved = new AtomicReference<>();
        AtomicBoolean greyedByBarrier = new AtomicBoolean();
        GarbageCollector.Probe moveOnFirstMark = (run, markedId) -> {
            if (moved.get() != null) {
                return;
            }
            moved.set(objects.fromSession(session -> {
                Node p = session.root("p", Node.class);
                Node q = session.root("q", Node.class);
                boolean pMarked = session.refTo(p).id().orElseThrow().equals(markedId);
                boolean qMarked = session.refTo(q).id().orElseThrow().equals(markedId);
                assertTrue(pMarked || qMarked, "the roots' objects are marked first");
                Node black = pMarked ? p : q;
                Node white = pMarked ? q : p;
                black.extra = white.next;
                white.next = null;
                return black.extra.id().orElseThrow();
            }));
            greyedByBarrier.set(store.exists(ObjectKeys.grey(run, moved.get())));
        };

        GarbageCollection run = new GarbageCollector(store, 16, moveOnFirstMark).collect();

        assertTrue(greyedByBarrier.get(), "the session's commit greyed what it linked");
        assertEquals(0, run.collected());
        assertTrue(store.exists(ObjectKeys.object(moved.get())), "the moved child is still there");
        long reachableChildren = objects.fromSession(session -> List.of("p", "q").stream()
                .map(name -> session.root(name, Node.class))
                .filter(node -> node.extra != null).map(node -> node.extra.get().name).count());
        assertEquals(1, reachableChildren);
    }

    /**
     * Bounded memory, seen from outside and inside: no listing or scan the collector makes asks for more than a page,
     * and the most ids it held at once is a page plus one object's two references, for a store of 180 objects.
     */
    @OnBothBackends
    void holdsAPageOfIdsAtATime(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        int live = 120;
        int garbage = 60;
        objects.inSession(session -> {
            Node root = new Node("root");
            Node last = root;
            for (int i = 0; i < live - 1; i++) {
                Node next = new Node("live " + i);
                // Every node also refers back to the root: two references per object
                next.extra = session.refTo(root);
                last.next = Ref.to(next);
                last = next;
            }
            session.setRoot("chain", root);
            Node unrooted = new Node("garbage");
            for (int i = 0; i < garbage - 1; i++) {
                Node next = new Node("garbage " + i);
                next.next = Ref.to(unrooted);
                unrooted = next;
            }
            session.setRoot("doomed", unrooted);
        });
        objects.inSession(session -> session.removeRoot("doomed"));

        int pageSize = 4;
        CountingStore counting = new CountingStore(store);
        GarbageCollection run = ObjectStores.collectGarbage(counting.store(), pageSize);

        assertEquals(live, run.reachable());
        assertEquals(garbage, run.collected());
        assertTrue(counting.largestPage.get() <= pageSize, "it asked the store for pages of "
                + counting.largestPage.get() + " keys");
        assertTrue(run.maxIdsInMemory() <= pageSize + 2, "held " + run.maxIdsInMemory() + " ids");
        assertEquals(live, store.keys("obj:*", 1000).items().size());
    }

    @OnBothBackends
    void aCollectionThatIsTakenOverStopsAndTheNewOneFinishes(String backend) {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> session.setRoot("r", Node.withChild("root", "child")));
        List<GarbageCollection> second = new ArrayList<>();
        GarbageCollector first = new GarbageCollector(store, 8, (run, id) -> {
            if (second.isEmpty()) {
                second.add(ObjectStores.collectGarbage(store));
            }
        });

        IllegalStateException stopped = assertThrows(IllegalStateException.class, first::collect);

        assertTrue(stopped.getMessage().contains("another collection took over the store"), stopped.getMessage());
        assertEquals(2, second.get(0).reachable());
        assertEquals(List.of(), store.keys("gc:*", 100).items());
        assertEquals(2, store.keys("obj:*", 100).items().size());
    }

    @OnBothBackends
    void refusesAStoreThatIsNotAnObjectStoreAndABadPageSize(String backend) {
        Store store = backends.fresh(backend);
        store.put("user:1", new byte[] {1});

        IllegalArgumentException notObjects = assertThrows(IllegalArgumentException.class,
                () -> ObjectStores.collectGarbage(store));
        assertEquals("store " + store.namespace() + "/" + store.name() + " is not an object store: it has no key "
                + "'meta:objects', which an object session's first commit writes", notObjects.getMessage());
        IllegalArgumentException page = assertThrows(IllegalArgumentException.class,
                () -> ObjectStores.collectGarbage(store, 0));
        assertEquals("page size 0 must be 1 to 10000", page.getMessage());
    }
}
