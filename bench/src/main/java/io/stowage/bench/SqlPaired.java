package io.stowage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.sqlite.SQLiteConfig;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.storage.sql.SqlBackend;
import io.stowage.storage.sql.testing.PostgresServer;
import io.stowage.testlog.Loggers;

/**
 * Issue 20's benchmark, paired as {@link Paired} pairs issue 14's: per dialect of the SQL extension, the kernel on it
 * against the raw JDBC driver sending the same statements to a table of the same layout and data ({@link SqlSides}:
 * a get, a put, a batch of 1,000 puts, the 1% glob), both sides in this one JVM in rounds of 200 ms slices in random
 * order; the goal (at least 0.90) is met when the 95% interval's lower bound reaches it. SQLite runs on files of a
 * trial folder in the extension's default durable mode (WAL, {@code synchronous=FULL}), PostgreSQL on a cluster the
 * bench starts itself ({@link PostgresServer}: loopback, {@code fsync=off}). Then, reported, the kernel on SQLite
 * against the kernel on LMDB (durable) on the same data, for users choosing between the two.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.SqlPaired [seconds per comparison] [--entries N]
 * [--only sqlite,postgresql,lmdb] [--chart file.png]... [--samples run.tsv]} (defaults 20 s, 100,000 entries, all
 * three).
 */
public final class SqlPaired {

    static final double GOAL = 0.90;
    static final List<String> PARTS = List.of("sqlite", "postgresql", "lmdb");
    private static final String TABLE = "raw_entries";

    private final int seconds;
    private final Dataset data;
    private final WarmedRounds rounds;
    private final List<PairedLine> lines = new ArrayList<>();
    private final List<LineSamples> lineSamples = new ArrayList<>();

    private SqlPaired(int seconds, int entries) {
        this.seconds = seconds;
        this.rounds = new WarmedRounds(seconds);
        this.data = Dataset.withListedFamily(entries, 42);
    }

    public static void main(String[] args) throws Exception {
        PairedArguments arguments = PairedArguments.parse(args, PARTS, 100_000);
        new SqlPaired(arguments.seconds(), Math.toIntExact(arguments.entries())).run(arguments.parts(),
                arguments.charts(), arguments.samples());
    }

    private void run(List<String> parts, List<Path> charts, Path samplesFile) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (parts.contains("sqlite") || parts.contains("lmdb")) {
            Path folder = TrialFolder.create("sql-sqlite");
            try (Kernel sqlite = new Kernel(SqlBackend.outsideFramework("bench", folder.resolve("kernel.db"),
                    Loggers.silent()), data)) {
                if (parts.contains("sqlite")) {
                    SQLiteConfig config = new SQLiteConfig();
                    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                    config.setBusyTimeout(5_000);
                    // One connection, as an application would have: its page cache is never another's to renew
                    Connection connection = config.createConnection("jdbc:sqlite:" + folder.resolve("raw.db"));
                    try (SqlSides.Raw raw = new SqlSides.Raw(connection, connection, TABLE, "BLOB", " WITHOUT ROWID",
                            "BEGIN IMMEDIATE", data)) {
                        againstRaw("sqlite", sqlite.store, raw);
                    }
                }
                if (parts.contains("lmdb")) {
                    try (KernelOnLmdb lmdb = new KernelOnLmdb().load(data)) {
                        againstLmdb(sqlite.store, lmdb.store);
                    }
                }
            } finally {
                TrialFolder.delete(folder);
            }
        }
        if (parts.contains("postgresql")) {
            try (PostgresServer server = PostgresServer.start();
                    Kernel postgres = new Kernel(SqlBackend.outsideFramework("bench", server.jdbcUrl(),
                            PostgresServer.USER, "kernel_entries", Loggers.silent()), data);
                    SqlSides.Raw raw = new SqlSides.Raw(connect(server, false), connect(server, true), TABLE,
                            "BYTEA", "", "BEGIN", data)) {
                // Statistics for both tables, as autovacuum would gather them soon: plans that do not change midway
                raw.execute("ANALYZE kernel_entries");
                raw.execute("ANALYZE " + TABLE);
                againstRaw("postgresql", postgres.store, raw);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String header = String.format(Locale.ROOT, "sql: %s, %d s per comparison (+%d s warm-up), 200 ms slices, "
                + "%d entries (%d under %s), %d bootstrap resamples, load average %.2f before, %.2f after", start,
                seconds, rounds.warmUpSeconds(), data.keys.length, (data.keys.length + 99) / 100, SqlSides.GLOB,
                MedianInterval.RESAMPLES, loadBefore, loadAfter);
        System.out.println();
        System.out.println(header);
        lines.forEach(line -> System.out.println(line.text()));
        PairedChart.write(lines, header, charts);
        charts.forEach(chart -> System.out.println("chart: " + chart));
        if (samplesFile != null) {
            new RunFile(header, lineSamples).write(samplesFile);
            System.out.println("samples: " + samplesFile);
        }
    }

    /**
     * A plain driver connection in auto-commit mode; for writes, its transactions SERIALIZABLE as the extension's
     * writer's are: the extension needs that isolation for every write once several runtimes share a table (a blind
     * put in READ COMMITTED could close a cycle between two serializable transactions that the server would not
     * see), so the same statement means the same isolation on both sides. Reads at the server's default level, as
     * the extension's readers read.
     */
    private static Connection connect(PostgresServer server, boolean writes) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresServer.USER);
        Connection connection = new org.postgresql.Driver().connect(server.jdbcUrl(), properties);
        if (writes) {
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        }
        return connection;
    }

    private void againstRaw(String dialect, Store store, SqlSides.Raw raw) {
        for (String operation : SqlSides.OPERATIONS) {
            SlicedRounds.Samples samples = rounds.run(List.of(
                    Contender.of("kernel", SqlSides.kernel(operation, store, data)),
                    Contender.of("raw", SqlSides.raw(operation, raw, data))));
            line("sql." + dialect + "." + operation + ".kernel-vs-jdbc", samples, GOAL,
                    "the kernel on the SQL extension vs the same statements on the driver");
        }
    }

    private void againstLmdb(Store sqlite, Store lmdb) {
        for (String operation : SqlSides.OPERATIONS) {
            SlicedRounds.Samples samples = rounds.run(List.of(
                    Contender.of("sqlite", SqlSides.kernel(operation, sqlite, data)),
                    Contender.of("lmdb", SqlSides.kernel(operation, lmdb, data))));
            line("sql.sqlite-vs-lmdb." + operation, samples, Double.NaN,
                    "the kernel on SQLite vs the kernel on LMDB, both durable");
        }
    }

    /** The first side's rate over the second's per round, with its interval, printed and kept for the chart. */
    private void line(String name, SlicedRounds.Samples samples, double goal, String what) {
        double[] ratios = samples.ratios(0, 1);
        MedianInterval ratio = MedianInterval.of(ratios, MedianInterval.RESAMPLES, Paired.SEED);
        PairedLine line = new PairedLine(name, PairedLine.Unit.RATIO, ratio, goal, "");
        String verdict = line.hasGoal() ? String.format(Locale.ROOT, " goal>=%.2f %s", goal,
                line.met() ? "met" : "not met") : " (reported)";
        line = line.withText(String.format(Locale.ROOT, "%s: ratio=%.3f ci=[%.3f,%.3f] pairs=%d %s=%.0f %s=%.0f "
                + "ops/s%s (%s)", name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(),
                samples.labels().get(0), samples.rate(0), samples.labels().get(1), samples.rate(1), verdict, what));
        System.out.println(line.text());
        lines.add(line);
        lineSamples.add(new LineSamples(name, PairedLine.Unit.RATIO, "ratio", "pairs", goal, ratios));
    }

    /** The kernel serving store {@code points} of namespace {@code io.stowage.bench} from a SQL backend. */
    private static final class Kernel implements AutoCloseable {

        final Store store;
        private final SqlBackend backend;
        private final EmbeddedKernel kernel;

        Kernel(SqlBackend backend, Dataset data) {
            this.backend = backend;
            this.kernel = new EmbeddedKernel(backend, "sql", 5_000, System::currentTimeMillis, Loggers.silent());
            this.store = kernel.namespace("io.stowage.bench").store("points");
            for (int start = 0; start < data.keys.length; start += Limits.MAX_BATCH_SIZE) {
                Batch.Builder batch = Batch.builder();
                for (int i = start; i < Math.min(data.keys.length, start + Limits.MAX_BATCH_SIZE); i++) {
                    batch.put(data.keys[i], data.values[i]);
                }
                store.write(batch.build());
            }
        }

        @Override
        public void close() {
            kernel.close();
            backend.close();
        }
    }
}
