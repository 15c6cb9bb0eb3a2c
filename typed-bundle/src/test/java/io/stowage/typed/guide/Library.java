package io.stowage.typed.guide;

import java.util.ArrayList;
import java.util.List;

import io.stowage.api.Store;
import io.stowage.typed.Codecs;
import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.Ref;

/** A small library: loan counts in a typed map, and a shelf of books and authors kept as an object graph. */
public final class Library {

    public record Author(String name) {
    }

    public record Book(String title, Ref<Author> author) {
    }

    /** A plain class: the session sees its fields change and commits them. */
    public static class Shelf {
        public List<Ref<Book>> books = new ArrayList<>();
    }

    private final PersistentMap<String, Long> loans;
    private final ObjectStore objects;

    public Library(Store loanStore, Store shelfStore) {
        this.loans = PersistentMaps.of(loanStore, Codecs.strings(), Codecs.longs());
        this.objects = ObjectStores.over(shelfStore);
    }

    public void lend(String title) {
        loans.merge(title, 1L, Long::sum);
    }

    public long loans(String title) {
        return loans.getOrDefault(title, 0L);
    }

    public void shelve(String title, String author) {
        objects.inSession(session -> {
            Shelf shelf = session.root("shelf", Shelf.class);
            if (shelf == null) {
                shelf = new Shelf();
                session.setRoot("shelf", shelf);
            }
            shelf.books.add(Ref.to(new Book(title, Ref.to(new Author(author)))));
        });
    }

    public void unshelve(String title) {
        objects.inSession(session -> session.root("shelf", Shelf.class).books
                .removeIf(book -> book.get().title().equals(title)));
    }

    public List<String> titles() {
        return objects.fromSession(session -> {
            List<String> titles = new ArrayList<>();
            for (Ref<Book> book : session.root("shelf", Shelf.class).books) {
                titles.add(book.get().title() + " by " + book.get().author().get().name());
            }
            return titles;
        });
    }
}
