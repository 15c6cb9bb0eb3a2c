package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Columns as wide as their widest cell: a long version does not push the rest of its row out of line. */
class TextTableTest {

    @Test
    void columnsFitTheirWidestCell() {
        String table = new TextTable("NAME", "VERSION", ">OPS", "STATE")
                .row("default", "1.0.0.SNAPSHOT", 12, "serving")
                .row("volatile", "-", 3, "unused").render();
        assertEquals(String.join(System.lineSeparator(),
                "NAME      VERSION         OPS  STATE",
                "default   1.0.0.SNAPSHOT   12  serving",
                "volatile  -                 3  unused"), table);
    }

    @Test
    void aRowMustFitTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }
}
