package io.stowage.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidTtlException;

class StowageCommandsTest {

    @Test
    void durationsInShellNotation() {
        assertEquals(Duration.ofSeconds(30), StowageCommands.parseDuration("30s"));
        assertEquals(Duration.ofMillis(500), StowageCommands.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(5), StowageCommands.parseDuration("5m"));
        assertEquals(Duration.ofDays(2), StowageCommands.parseDuration("2d"));
        assertEquals(Duration.ofSeconds(90), StowageCommands.parseDuration("PT90S"));
        assertTrue(assertThrows(InvalidTtlException.class, () -> StowageCommands.parseDuration("soon")).getMessage()
                .contains("'soon'"));
    }

    @Test
    void valuesRenderAsTextOrHex() {
        assertEquals("héllo", StowageCommands.render("héllo".getBytes(StandardCharsets.UTF_8)));
        assertEquals("0x00ff", StowageCommands.render(new byte[] {0, (byte) 0xFF}));
    }
}
