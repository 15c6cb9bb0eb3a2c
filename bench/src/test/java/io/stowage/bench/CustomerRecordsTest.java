package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The transform benchmarks' values are the same bytes in every run, and as large as issue 18 asks. */
class CustomerRecordsTest {

    @Test
    void theSameSeedMakesTheSameValues() {
        CustomerRecords first = new CustomerRecords(50, 18);
        CustomerRecords second = new CustomerRecords(50, 18);
        for (int i = 0; i < 120; i++) {
            assertArrayEquals(first.value(i), second.value(i), "value " + i);
        }
    }

    @Test
    void valuesBeyondThePoolAreDistinctYetTheirProfilesJson() {
        CustomerRecords records = new CustomerRecords(10, 18);
        assertFalse(Arrays.equals(records.value(3), records.value(13)));
        String json = new String(records.value(13), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"id\":13,"), json);
    }

    @Test
    void valuesRunFromAFewHundredBytesToAFewKilobytes() {
        CustomerRecords records = new CustomerRecords(200, 18);
        for (int i = 0; i < 200; i++) {
            int length = records.value(i).length;
            assertTrue(length >= 200 && length <= 16_384, "value " + i + " is " + length + " bytes");
        }
    }
}
