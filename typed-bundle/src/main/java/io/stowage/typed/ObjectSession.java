package io.stowage.typed;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One unit of work on an object graph, run by {@link ObjectStore#inSession} inside one store transaction.
 *
 * <p>The session remembers every object it loads, by id and by identity: loading the same id twice gives the same
 * object. When the work returns, the session encodes each loaded object again and writes those whose JSON differs
 * from what was loaded, every root set, and every new object reachable from what it writes through
 * {@link Ref#to(Object) new references}, all in the transaction's single commit. The application never saves.
 *
 * <p>Plain classes with mutable fields are changed in place. Records cannot be, so a changed record replaces the
 * loaded one with {@link #replace(Object, Object)}, or a root with {@link #setRoot(String, Object)}.
 *
 * <p>A session belongs to the thread that runs the work and ends with it; objects returned from the work are
 * detached copies whose references can no longer load.
 */
@ProviderType
public interface ObjectSession {

    /**
     * The object the named root refers to, or {@code null} if there is no such root.
     *
     * @throws IllegalArgumentException if the name is not a valid root name (the message says why)
     * @throws CodecMismatchException   if the stored object is not a {@code type}, naming both
     */
    <T> T root(String name, Class<T> type);

    /**
     * Makes the named root refer to {@code object} (loaded by this session, or new and then stored) when the session
     * commits. A root name is 1 to 200 characters, none of them {@code * ? \} or a control character.
     *
     * @throws IllegalArgumentException if the name is not a valid root name (the message says why)
     */
    void setRoot(String name, Object object);

    /**
     * Removes the named root when the session commits; what only it kept reachable becomes garbage. Returns whether
     * the root existed.
     */
    boolean removeRoot(String name);

    /**
     * Stores {@code replacement} under the identity of {@code current}, an object this session loaded: the way to
     * change a record. References to the current object load the replacement from then on.
     *
     * @throws IllegalArgumentException if this session did not load {@code current}, or the replacement is not of
     *                                  the same class
     */
    <T> void replace(T current, T replacement);

    /** The reference to an object this session loaded, or a new reference as {@link Ref#to(Object)} makes. */
    <T> Ref<T> refTo(T object);
}
