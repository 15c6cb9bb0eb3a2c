package io.stowage.typed.object;

import io.stowage.typed.Ref;

/** A plain mutable class with two references, changed in place. */
public class Node {
    public String name;
    public long count;
    public Ref<Node> next;
    public Ref<Node> extra;

    public Node() {
    }

    public Node(String name) {
        this.name = name;
    }
}
