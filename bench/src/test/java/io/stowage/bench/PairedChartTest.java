package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedChartTest {

    private static final PairedLine LMDB_GET = new PairedLine("lmdb.get", PairedLine.Unit.RATIO,
            new MedianInterval(0.84, 0.81, 0.89, 75), 0.90, "");
    private static final PairedLine ALLOC = new PairedLine("alloc.lmdb.get", PairedLine.Unit.BYTES_PER_OPERATION,
            new MedianInterval(176, 176, 176, 75), 48, "");
    private static final PairedLine JEDIS_VS_LETTUCE = PairedLine.report("redis.raw-jedis-vs-lettuce.get.1t",
            new MedianInterval(1.3, 1.1, 1.6, 40), "");
    private static final PairedLine MEMORY_VS_LMDB = new PairedLine("memory.get-vs-lmdb", PairedLine.Unit.RATIO,
            new MedianInterval(2.1, 2.05, 2.2, 75), 2.0, "");

    @Test
    void ratiosAndAllocationDifferencesGoToTheirOwnPanelsInReportOrder() {
        List<PairedChart.Panel> panels = PairedChart.panels(List.of(LMDB_GET, ALLOC, JEDIS_VS_LETTUCE,
                MEMORY_VS_LMDB));
        assertEquals(2, panels.size());
        assertEquals(List.of("lmdb.get", "redis.raw-jedis-vs-lettuce.get.1t", "memory.get-vs-lmdb"),
                panels.get(0).names());
        assertEquals("ratio", panels.get(0).axis());
        assertEquals(List.of("alloc.lmdb.get"), panels.get(1).names());
        assertEquals("B/op", panels.get(1).axis());
    }

    @Test
    void eachErrorBarSpansExactlyTheIntervalAndAReportLineHasNoGoal() {
        PairedChart.Panel ratios = PairedChart.panels(List.of(LMDB_GET, JEDIS_VS_LETTUCE)).get(0);
        assertEquals(List.of(0.84, 1.3), ratios.medians());
        for (int i = 0; i < 2; i++) {
            double lower = ratios.midpoints().get(i) - ratios.halfWidths().get(i);
            double upper = ratios.midpoints().get(i) + ratios.halfWidths().get(i);
            MedianInterval interval = List.of(LMDB_GET, JEDIS_VS_LETTUCE).get(i).interval();
            assertEquals(interval.lower(), lower, 1e-12);
            assertEquals(interval.upper(), upper, 1e-12);
        }
        assertEquals(0.90, ratios.goals().get(0));
        assertNull(ratios.goals().get(1));
    }

    @Test
    void aReportWithoutAllocationLinesHasOnlyTheRatioPanel() {
        assertEquals(1, PairedChart.panels(List.of(LMDB_GET)).size());
        assertTrue(PairedChart.panels(List.of()).isEmpty());
    }

    @Test
    void aRatioGoalIsAFloorAndAnAllocationGoalACeiling() {
        assertFalse(LMDB_GET.met(), "0.81 is below 0.90");
        assertTrue(MEMORY_VS_LMDB.met());
        assertFalse(ALLOC.met(), "+176 B/op is over +48");
        PairedLine within = new PairedLine("alloc.memory.get", PairedLine.Unit.BYTES_PER_OPERATION,
                new MedianInterval(40, 38, 48, 75), 48, "");
        assertTrue(within.met());
        PairedLine straddling = new PairedLine("alloc.memory.get", PairedLine.Unit.BYTES_PER_OPERATION,
                new MedianInterval(40, 38, 49, 75), 48, "");
        assertFalse(straddling.met(), "a median below the ceiling is not enough");
        assertThrows(IllegalStateException.class, JEDIS_VS_LETTUCE::met);
    }

    private static final PairedLine TX_COST = new PairedLine("tx.memory.1r1w-vs-replace", PairedLine.Unit.COST,
            new MedianInterval(1.4, 1.35, 1.52, 100), 1.5, "");

    @Test
    void aCostGoesToAPanelOfItsOwnWhereItsGoalIsACeiling() {
        List<PairedChart.Panel> panels = PairedChart.panels(List.of(TX_COST, LMDB_GET));
        assertEquals(2, panels.size());
        assertEquals(List.of("lmdb.get"), panels.get(0).names());
        assertEquals(List.of("tx.memory.1r1w-vs-replace"), panels.get(1).names());
        assertTrue(panels.get(1).title().contains("lower is better") && panels.get(1).title().contains("ceiling"));
        assertEquals(1.5, panels.get(1).goals().get(0));
        assertFalse(TX_COST.met(), "a median of 1.4 is not enough when the upper bound is 1.52");
        assertTrue(new PairedLine("tx.lmdb.1r1w-vs-replace", PairedLine.Unit.COST,
                new MedianInterval(1.0, 0.9, 1.5, 100), 1.5, "").met());
        assertFalse(new PairedLine("tx.lmdb.1r1w-vs-replace", PairedLine.Unit.COST,
                new MedianInterval(1.0, 0.9, 1.5, 100), 0.95, "").met(), "a cost's lower bound decides nothing");
    }

    @Test
    void theChartIsAPngWithBothPanels(@TempDir Path folder) throws IOException {
        Path first = folder.resolve("target/paired.png");
        Path second = folder.resolve("docs/benchmarks/paired.png");
        PairedChart.write(List.of(LMDB_GET, ALLOC), "test", List.of(first, second));
        byte[] png = Files.readAllBytes(first);
        assertTrue(Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4)));
        assertEquals(2 * 700, ImageIO.read(first.toFile()).getHeight());
        assertTrue(Files.size(second) > 0);
    }

    /** The legend once covered the top right of the plot, and with it a last line whose ratio was the highest. */
    @Test
    void noLineIsHiddenWhereverTheHighestOneStands(@TempDir Path folder) throws IOException {
        List<PairedLine> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(new PairedLine("redis.line" + i, PairedLine.Unit.RATIO, new MedianInterval(0.95, 0.9, 1.0, 40),
                    0.90, ""));
        }
        lines.add(PairedLine.report("redis.highest", new MedianInterval(1.78, 1.68, 1.82, 40), ""));
        long highestLast = markerPixels(lines, folder.resolve("last.png"));
        List<PairedLine> reordered = new ArrayList<>(lines);
        Collections.rotate(reordered, 1);
        long highestFirst = markerPixels(reordered, folder.resolve("first.png"));
        assertEquals(highestFirst, highestLast, highestFirst / 50.0,
                "the dots and bars drawn must not depend on where the highest line stands");
    }

    /** Pixels in the colour of the medians and intervals. */
    private static long markerPixels(List<PairedLine> lines, Path png) throws IOException {
        PairedChart.write(lines, "test", List.of(png));
        BufferedImage image = ImageIO.read(png.toFile());
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == 0x285AAA) {
                    count++;
                }
            }
        }
        assertTrue(count > 0, "no marker drawn at all");
        return count;
    }
}
