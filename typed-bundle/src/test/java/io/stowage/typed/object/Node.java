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

    /** A new node whose {@code next} is a new node named {@code child}. */
    static Node withChild(String name, String child) {
        Node parent = new Node(name);
        parent.next = Ref.to(new Node(child));
        return parent;
    }
}
