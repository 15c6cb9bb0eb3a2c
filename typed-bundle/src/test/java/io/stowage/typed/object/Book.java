package io.stowage.typed.object;

import io.stowage.typed.Ref;

/** A record with a reference: changed by {@code session.replace}. */
public record Book(String title, Ref<Author> author, Ref<Book> sequel) {

    Book withTitle(String newTitle) {
        return new Book(newTitle, author, sequel);
    }
}
