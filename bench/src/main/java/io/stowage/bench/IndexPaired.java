package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.index.json.JsonIndex;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.IndexFunction;

/**
 * Issue 19's index benchmark, on the kernel on LMDB in its default durable mode ({@link KernelOnLmdb}), with the JSON
 * index function as SCR activates it from its default configuration, paired in rounds of 200 ms slices in this one
 * JVM as {@link Paired} does:
 * <ul>
 * <li>{@code put}: a put into a store with no index, one (a unique e-mail) and three (e-mail, city, tier), each put
 * replacing one of {@value #PUT_KEYS} records with a new one whose e-mail is new, so every indexed put moves index
 * entries; one index against none has the goal of costing at most twice an unindexed put (ratio at least 0.50 by the
 * 95% interval's lower bound), three are reported;</li>
 * <li>{@code lookup}: finding a customer by e-mail through the index (exact, one hit) against finding it as an
 * application without the index would, by a full scan of the store reading each value's e-mail; on {@code entries}
 * records loaded in batches with the index kept, reported (both rates are printed) as the scan's cost in lookups by
 * index, in a chart panel of its own.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.IndexPaired [seconds per comparison] [--entries N]
 * [--only put,lookup] [--chart file.png]... [--samples run.tsv]} (defaults 20 s, 1,000,000 entries);
 * {@code --samples} writes the lines' per-round samples for {@link PooledRuns}.
 */
public final class IndexPaired {

    static final double ONE_INDEX_GOAL = 0.50;
    static final List<String> PARTS = List.of("put", "lookup");
    /** Records each put side replaces in turn, loaded into each store first so that every side starts alike. */
    static final int PUT_KEYS = 10_000;
    private static final String NAMESPACE = "io.stowage.bench";
    private static final String BY_EMAIL = "json(pointer=/email, lowercase=true)";
    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances",
            "Ken", "Margaret", "Niklaus"};
    private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth",
            "Allen", "Thompson", "Hamilton", "Wirth"};
    private static final String[] CITIES = {"London", "Manchester", "Zurich", "Amsterdam", "Lisbon", "Vienna",
            "Oslo", "Madrid", "Prague", "Dublin", "Athens", "Berlin"};
    private static final String[] TIERS = {"basic", "silver", "gold", "platinum"};

    private final PairedArguments arguments;
    private final WarmedRounds rounds;
    private final List<String> reportLines = new ArrayList<>();
    private final List<PairedLine> lines = new ArrayList<>();
    private final List<LineSamples> lineSamples = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private long sink;

    private IndexPaired(PairedArguments arguments) {
        this.arguments = arguments;
        this.rounds = new WarmedRounds(arguments.seconds());
    }

    public static void main(String[] args) throws IOException {
        new IndexPaired(PairedArguments.parse(args, PARTS, 1_000_000)).run();
    }

    private void run() throws IOException {
        List<String> parts = arguments.parts();
        int entries = Math.toIntExact(arguments.entries());
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        report(String.format(Locale.ROOT, "records: small customers as JSON, %d to %d B (record 0 and record %d)",
                record(0).length, record(entries - 1L).length, entries - 1));
        try (KernelOnLmdb lmdb = new KernelOnLmdb()) {
            lmdb.kernel.addIndexFunction(jsonIndex(), "1.0.0");
            if (parts.contains("put")) {
                measurePuts(lmdb.kernel);
            }
            if (parts.contains("lookup")) {
                measureLookups(lmdb.kernel, entries);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String header = String.format(Locale.ROOT, "index: %s, %d s per comparison (+%d s warm-up), 200 ms slices, "
                + "%d bootstrap resamples, LMDB durable, %d records per put side, %d for lookups, load average %.2f "
                + "before, %.2f after (sink %d)", start, arguments.seconds(), rounds.warmUpSeconds(),
                MedianInterval.RESAMPLES, PUT_KEYS, entries, loadBefore, loadAfter, sink);
        WarmedRounds.finish(header, reportLines, lines, header.substring(0, header.indexOf(" (sink")),
                arguments.charts(), lineSamples, arguments.samples());
    }

    /**
     * The JSON index function made by its {@code @Activate} constructor with its configuration's defaults, as SCR
     * makes it; the configuration type is the bundle's own and package-private, so it is reached by reflection.
     */
    static IndexFunction jsonIndex() {
        try {
            Class<?> configType = Class.forName("io.stowage.index.json.JsonIndexConfig");
            Object defaults = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                    (proxy, method, args) -> method.getName().equals("annotationType") ? configType
                            : method.getDefaultValue());
            return JsonIndex.class.getConstructor(configType).newInstance(defaults);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the JSON index function did not activate", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JSON index function's configuration is not as the bench knows it",
                    e);
        }
    }

    /** Record {@code i} as JSON: its e-mail is its own, its name, city and tier are shared with many others. */
    static byte[] record(long i) {
        int n = (int) (i % 1_000_003);
        return ("{\"id\":" + i + ",\"name\":\"" + FIRST_NAMES[n % FIRST_NAMES.length] + " "
                + LAST_NAMES[n / FIRST_NAMES.length % LAST_NAMES.length] + "\",\"email\":\"" + email(i)
                + "\",\"city\":\"" + CITIES[n % CITIES.length] + "\",\"tier\":\"" + TIERS[n % TIERS.length]
                + "\",\"since\":\"20" + (10 + n % 15) + "-0" + (1 + n % 9) + "-1" + n % 10 + "\"}").getBytes(UTF_8);
    }

    static String email(long i) {
        return "customer-" + i + "@example.org";
    }

    static String key(long i) {
        return String.format(Locale.ROOT, "customer:%09d", i);
    }

    private void measurePuts(EmbeddedKernel kernel) {
        Store none = putStore(kernel, "put-none");
        Store one = putStore(kernel, "put-one-index", "by-email");
        Store three = putStore(kernel, "put-three-indexes", "by-email", "by-city", "by-tier");
        report(String.format(Locale.ROOT, "put: one operation = a put replacing one of %d records with a new one "
                + "(a new e-mail), LMDB durable; one index: by-email %s unique; three: and json(pointer=/city), "
                + "json(pointer=/tier)", PUT_KEYS, BY_EMAIL));
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("none", replacing(none)),
                Contender.of("one-index", replacing(one)), Contender.of("three-indexes", replacing(three))));
        int base = samples.side("none");
        line("index.lmdb.put.1-index-vs-none", PairedLine.Unit.RATIO, samples, samples.side("one-index"), base,
                ONE_INDEX_GOAL, "a put with one JSON index vs with none; goal: one index costs at most 2x an unindexed "
                        + "put");
        line("index.lmdb.put.3-indexes-vs-none", PairedLine.Unit.RATIO, samples, samples.side("three-indexes"),
                base, Double.NaN, "a put with three JSON indexes vs with none");
    }

    /** A store named {@code name} with the named indexes, holding records 0 to {@value #PUT_KEYS} - 1. */
    private Store putStore(EmbeddedKernel kernel, String name, String... indexes) {
        for (String index : indexes) {
            createIndex(kernel, name, index);
        }
        Store store = kernel.namespace(NAMESPACE).store(name);
        load(store, PUT_KEYS);
        return store;
    }

    private static String function(String index) {
        return switch (index) {
            case "by-email" -> BY_EMAIL;
            case "by-city" -> "json(pointer=/city)";
            case "by-tier" -> "json(pointer=/tier)";
            default -> throw new IllegalArgumentException("no index " + index + " in this benchmark");
        };
    }

    /** Creates the index and waits until it answers (an empty store's index is built at once). */
    private static void createIndex(EmbeddedKernel kernel, String store, String name) {
        LiveIndex index = kernel.createIndex(NAMESPACE, store, IndexDefinition.parse(NAMESPACE + "/" + store, name,
                function(name), name.equals("by-email")));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (index.state() == LiveIndex.State.BUILDING && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        if (index.state() != LiveIndex.State.READY) {
            throw new IllegalStateException("index " + name + " of " + store + " is " + index.state() + ": "
                    + index.failure());
        }
    }

    /** Records 0 to {@code count - 1} under their keys, in batches of the API's limit; the seconds it took. */
    private static double load(Store store, int count) {
        long started = System.nanoTime();
        for (int start = 0; start < count; start += Limits.MAX_BATCH_SIZE) {
            Batch.Builder batch = Batch.builder();
            for (int i = start; i < Math.min(count, start + Limits.MAX_BATCH_SIZE); i++) {
                batch.put(key(i), record(i));
            }
            store.write(batch.build());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Puts record PUT_KEYS + n under key n mod PUT_KEYS: a new record, under a key that has one already. */
    private static SlicedRounds.Side replacing(Store store) {
        long[] next = {PUT_KEYS};
        return () -> {
            long i = next[0]++;
            store.put(key(i % PUT_KEYS), record(i));
            return 1;
        };
    }

    private void measureLookups(EmbeddedKernel kernel, int entries) {
        createIndex(kernel, "customers", "by-email");
        Store customers = kernel.namespace(NAMESPACE).store("customers");
        double loadSeconds = load(customers, entries);
        report(String.format(Locale.ROOT, "lookup: %d records loaded with index by-email in batches of %d in %.1f s "
                + "(%.0f records/s); one operation = finding the key of one customer by e-mail", entries,
                Limits.MAX_BATCH_SIZE, loadSeconds, entries / loadSeconds));
        int[] targets = new Random(Paired.SEED).ints(4096, 0, entries).toArray();
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("index", byIndex(customers, targets)),
                Contender.of("scan", byScan(customers, targets))));
        line("index.lmdb.lookup.scan-vs-index", PairedLine.Unit.COST, samples, samples.side("index"),
                samples.side("scan"), Double.NaN, "lookups by index per full scan of " + entries + " records reading "
                + "each one's e-mail: how many times as long finding a customer takes without the index");
    }

    private static SlicedRounds.Side byIndex(Store store, int[] targets) {
        int[] position = {0};
        return () -> {
            int target = targets[position[0]++ % targets.length];
            List<IndexHit> hits = store.index("by-email").find(IndexQuery.exact(email(target)), 1).items();
            if (hits.size() != 1 || !hits.get(0).key().equals(key(target))) {
                throw new IllegalStateException("by-email found " + hits + " for customer " + target);
            }
            return 1;
        };
    }

    /** What an application without the index does: reads every record and keeps those with the e-mail. */
    private SlicedRounds.Side byScan(Store store, int[] targets) {
        int[] position = {0};
        return () -> {
            int target = targets[position[0]++ % targets.length];
            String wanted = email(target);
            List<String> found = new ArrayList<>();
            String after = null;
            do {
                Page<Entry> page = store.scan(null, null, Limits.MAX_PAGE_SIZE, after);
                for (Entry entry : page.items()) {
                    if (wanted.equalsIgnoreCase(readEmail(entry))) {
                        found.add(entry.key());
                    }
                }
                after = page.continuation();
            } while (after != null);
            if (!found.equals(List.of(key(target)))) {
                throw new IllegalStateException("the scan found " + found + " for customer " + target);
            }
            sink += found.size();
            return 1;
        };
    }

    private String readEmail(Entry entry) {
        try {
            return json.readTree(entry.value()).path("email").asText();
        } catch (IOException e) {
            throw new IllegalStateException("record " + entry.key() + " is not JSON", e);
        }
    }

    /**
     * Side {@code a}'s rate over side {@code b}'s per round, with its interval and both rates, printed and kept: a
     * ratio (higher is better), or the cost of side {@code b} in operations of side {@code a} (lower is better), which
     * gets a panel of its own in the chart, where a cost in the thousands does not flatten the ratios near 1.
     */
    private void line(String name, PairedLine.Unit unit, SlicedRounds.Samples samples, int a, int b, double goal,
            String what) {
        String measure = unit == PairedLine.Unit.COST ? "cost" : "ratio";
        double[] values = samples.ratios(a, b);
        MedianInterval interval = MedianInterval.of(values, MedianInterval.RESAMPLES, Paired.SEED);
        PairedLine line = new PairedLine(name, unit, interval, goal, "");
        String verdict = !line.hasGoal() ? "(reported)"
                : String.format(Locale.ROOT, "goal>=%.2f %s", goal, line.met() ? "met" : "not met");
        line = line.withText(String.format(Locale.ROOT, "%s: %s=%.3f ci=[%.3f,%.3f] pairs=%d %s=%.1f %s=%.1f ops/s "
                + "%s (%s)", name, measure, interval.median(), interval.lower(), interval.upper(), interval.samples(),
                samples.labels().get(a), samples.rate(a), samples.labels().get(b), samples.rate(b), verdict, what));
        report(line.text());
        lines.add(line);
        lineSamples.add(new LineSamples(name, unit, measure, "pairs", goal, values));
    }

    private void report(String text) {
        System.out.println(text);
        reportLines.add(text);
    }
}
