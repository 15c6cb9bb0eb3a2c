package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidTtlException;

class ShellTextTest {

    @Test
    void durationsInShellNotation() {
        assertEquals(Duration.ofSeconds(30), ShellText.parseDuration("30s"));
        assertEquals(Duration.ofMillis(500), ShellText.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(5), ShellText.parseDuration("5m"));
        assertEquals(Duration.ofDays(2), ShellText.parseDuration("2d"));
        assertEquals(Duration.ofSeconds(90), ShellText.parseDuration("PT90S"));
        assertTrue(assertThrows(InvalidTtlException.class, () -> ShellText.parseDuration("soon")).getMessage()
                .contains("'soon'"));
    }

    @Test
    void valuesRenderAsTextOrHex() {
        assertEquals("héllo", ShellText.render("héllo".getBytes(StandardCharsets.UTF_8)));
        assertEquals("0x00ff", ShellText.render(new byte[] {0, (byte) 0xFF}));
    }

    @Test
    void figuresReadAsPeopleWriteThem() {
        assertEquals("0 B", ShellText.bytes(0));
        assertEquals("1023 B", ShellText.bytes(1023));
        assertEquals("1.0 KiB", ShellText.bytes(1024));
        assertEquals("1.5 MiB", ShellText.bytes(3 * 512 * 1024));
        assertEquals("412ns", ShellText.duration(412));
        assertEquals("3.10us", ShellText.duration(3_100));
        assertEquals("12.4ms", ShellText.duration(12_400_000));
        assertEquals("250us", ShellText.duration(250_000));
        assertEquals("2.00s", ShellText.duration(2_000_000_000));
    }

    @Test
    void pagesSayHowToGoOn() {
        assertEquals("none", ShellText.page(java.util.List.of(), null, "none"));
        assertEquals("a" + System.lineSeparator() + "... more: continue with --after 'a'",
                ShellText.page(java.util.List.of("a"), "a", "none"));
    }
}
