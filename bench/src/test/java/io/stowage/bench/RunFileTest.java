package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {

    static final LineSamples LMDB_GET = new LineSamples("lmdb.get", PairedLine.Unit.RATIO, "ratio", "pairs", 0.90,
            new double[] {0.8984131102378, 1.0 / 3, 0.9, 1e-300});
    static final LineSamples ALLOC = new LineSamples("alloc.lmdb.get", PairedLine.Unit.BYTES_PER_OPERATION,
            "kernel-raw", "pairs", 48, new double[] {8, 8.000000001, -0.5});
    static final LineSamples REPORT = new LineSamples("redis.get.kernel-vs-jedis", PairedLine.Unit.RATIO, "ratio",
            "rounds", Double.NaN, new double[] {0.985});

    @Test
    void aRunReadsBackAsItWasWrittenToTheLastBitOfEverySample(@TempDir Path folder) throws IOException {
        RunFile run = new RunFile("paired: 2026-12-06T14:00:00Z, 6 s per comparison", List.of(LMDB_GET, ALLOC,
                REPORT));
        Path file = folder.resolve("runs/run-1.tsv");
        run.write(file);
        assertEquals(run, RunFile.read(file));
        assertTrue(Files.readAllLines(file, UTF_8).get(2).startsWith("lmdb.get\tRATIO\tratio\tpairs\t0.9\t"));
    }

    @Test
    void aFileThatIsNotARunIsRefusedWithItsNameAndLine(@TempDir Path folder) throws IOException {
        Path other = folder.resolve("other.tsv");
        Files.writeString(other, "name\tvalue\nlmdb.get\t0.9\n");
        assertTrue(assertThrows(IOException.class, () -> RunFile.read(other)).getMessage().contains("other.tsv"));
        Path broken = folder.resolve("broken.tsv");
        new RunFile("h", List.of(LMDB_GET)).write(broken);
        Files.writeString(broken, Files.readString(broken).replace("RATIO", "PERCENT"));
        assertTrue(assertThrows(IOException.class, () -> RunFile.read(broken)).getMessage()
                .contains("broken.tsv:3"));
    }

    @Test
    void aLineWithoutSamplesCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> new LineSamples("lmdb.get", PairedLine.Unit.RATIO,
                "ratio", "pairs", 0.9, new double[0]));
    }
}
