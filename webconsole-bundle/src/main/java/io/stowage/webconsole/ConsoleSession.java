package io.stowage.webconsole;

/** The HTTP session of a request, as far as the console keeps things in it (its CSRF token, a one-time message). */
public interface ConsoleSession {

    /** The attribute's value, or null. */
    String attribute(String name);

    /** Sets the attribute; null removes it. */
    void attribute(String name, String value);
}
