package io.stowage.typed.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.stowage.api.Store;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.Ref;

/**
 * Collections run again and again while sessions add, move and drop objects: afterwards every reference reachable
 * from the root still loads, and a last collection with no writer leaves exactly the reachable objects.
 */
class CollectionUnderWritesTest {

    @RegisterExtension
    static final Backends backends = new Backends();


    @OnBothBackends
    void nothingReachableIsCollectedWhileSessionsRewireTheGraph(String backend) throws Exception {
        Store store = backends.fresh(backend);
        ObjectStore objects = ObjectStores.over(store);
        objects.inSession(session -> session.setRoot("g", new Node("root")));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> rewire(objects, 150));
            int collections = 0;
            while (!writes.isDone() || collections == 0) {
                ObjectStores.collectGarbage(store, 8);
                collections++;
            }
            writes.get(60, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }

        int reachable = objects.fromSession(CollectionUnderWritesTest::loadAll);
        GarbageCollection last = ObjectStores.collectGarbage(store, 8);
        assertEquals(reachable, last.reachable());
        assertEquals(reachable, store.keys("obj:*", 10_000).items().size());
        assertTrue(store.keys("gc:*", 10).items().isEmpty());
    }

    /**
     * Random changes under the root: a new node put in front, a grandchild moved up (the move a collection without a
     * barrier can lose), a link dropped (garbage made).
     */
    private static void rewire(ObjectStore objects, int steps) {
        Random random = new Random(17);
        for (int step = 0; step < steps; step++) {
            int change = random.nextInt(3);
            objects.inSession(session -> {
                Node root = session.root("g", Node.class);
                if (change == 0 || root.next == null) {
                    Node added = new Node("n");
                    added.next = root.next;
                    added.extra = root.extra;
                    root.next = Ref.to(added);
                } else if (change == 1) {
                    Node child = root.next.get();
                    root.extra = child.next;
                    child.next = child.extra;
                    child.extra = null;
                } else {
                    root.extra = null;
                }
            });
        }
    }

    /** Follows every reference from the root; each must load. Returns how many objects are reachable. */
    private static int loadAll(io.stowage.typed.ObjectSession session) {
        Node root = session.root("g", Node.class);
        Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Node node = todo.poll();
            if (seen.add(node)) {
                List<Ref<Node>> refs = new ArrayList<>();
                refs.add(node.next);
                refs.add(node.extra);
                refs.stream().filter(ref -> ref != null).forEach(ref -> todo.add(ref.get()));
            }
        }
        Set<String> ids = new HashSet<>();
        seen.forEach(node -> ids.add(session.refTo(node).id().orElseThrow()));
        return ids.size();
    }
}
