package io.stowage.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import io.stowage.bench.JCacheBenchmark.Price;
import io.stowage.bench.SlicedRounds.Contender;

/**
 * Issue 21's comparison, paired as {@link Paired} pairs issue 14's: {@code Cache.get} and {@code Cache.put} of small
 * serializable values through Stowage's JCache provider on its memory backend against Caffeine's and Ehcache 3's
 * providers, all storing by value, on the same keys and values, in this one JVM in rounds of 200 ms slices in random
 * order; and Caffeine by value against Caffeine by reference, which is what storing by value costs where a cache
 * only copies on the heap. Reported ratios (the issue sets no goal), each with its 95% interval.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.JCachePaired [seconds per comparison] [--entries N]
 * [--only get,put] [--chart file.png]... [--samples run.tsv]} (defaults 20 s, 10,000 entries, both operations).
 */
public final class JCachePaired {

    static final List<String> PARTS = List.of("get", "put");
    private static final String STOWAGE = "io.stowage.jcache.StowageCachingProvider";
    private static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    private static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";

    private final int seconds;
    private final int entries;
    private final String[] keys;
    private final Price[] values;
    private final WarmedRounds rounds;
    private final List<PairedLine> lines = new ArrayList<>();
    private final List<LineSamples> lineSamples = new ArrayList<>();

    private JCachePaired(int seconds, int entries) {
        this.seconds = seconds;
        this.entries = entries;
        this.rounds = new WarmedRounds(seconds);
        this.keys = new String[entries];
        this.values = new Price[entries];
        for (int i = 0; i < entries; i++) {
            keys[i] = "product:" + i;
            values[i] = new Price("EUR", 100L + i);
        }
    }

    public static void main(String[] args) throws Exception {
        PairedArguments arguments = PairedArguments.parse(args, PARTS, 10_000);
        new JCachePaired(arguments.seconds(), Math.toIntExact(arguments.entries())).run(arguments.parts(),
                arguments.charts(), arguments.samples());
    }

    private void run(List<String> parts, List<Path> charts, Path samplesFile) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (OpenCache stowage = new OpenCache(STOWAGE, true);
                OpenCache caffeine = new OpenCache(CAFFEINE, true);
                OpenCache ehcache = new OpenCache(EHCACHE, true);
                OpenCache byReference = new OpenCache(CAFFEINE, false)) {
            for (String operation : parts) {
                SlicedRounds.Samples peers = rounds.run(List.of(
                        Contender.of("stowage", operation(operation, stowage.cache)),
                        Contender.of("caffeine", operation(operation, caffeine.cache)),
                        Contender.of("ehcache", operation(operation, ehcache.cache))));
                line("jcache." + operation + ".stowage-vs-caffeine", peers, 0, 1,
                        "Stowage's provider on memory vs Caffeine's, both by value");
                line("jcache." + operation + ".stowage-vs-ehcache", peers, 0, 2,
                        "Stowage's provider on memory vs Ehcache 3's, both by value");
                SlicedRounds.Samples copying = rounds.run(List.of(
                        Contender.of("by-value", operation(operation, caffeine.cache)),
                        Contender.of("by-reference", operation(operation, byReference.cache))));
                line("jcache." + operation + ".caffeine-by-value-vs-by-reference", copying, 0, 1,
                        "what storing by value costs Caffeine");
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String header = String.format(Locale.ROOT, "jcache: %s, %d s per comparison (+%d s warm-up), 200 ms slices, "
                + "%d entries, %d bootstrap resamples, load average %.2f before, %.2f after", start, seconds,
                rounds.warmUpSeconds(), entries, MedianInterval.RESAMPLES, loadBefore, loadAfter);
        WarmedRounds.finish(header, lines.stream().map(PairedLine::text).toList(), lines, header, charts,
                lineSamples, samplesFile);
    }

    /** One call of {@code operation} on the cache, over every key in turn. */
    private SlicedRounds.Side operation(String operation, Cache<String, Price> cache) {
        int[] next = {0};
        return switch (operation) {
            case "get" -> () -> {
                int i = next[0] = next[0] + 1 == entries ? 0 : next[0] + 1;
                if (cache.get(keys[i]) == null) {
                    throw new IllegalStateException("a key of the data set is missing");
                }
                return 1;
            };
            case "put" -> () -> {
                int i = next[0] = next[0] + 1 == entries ? 0 : next[0] + 1;
                cache.put(keys[i], values[i]);
                return 1;
            };
            default -> throw new IllegalArgumentException("no operation " + operation);
        };
    }

    /** Side {@code a}'s rate over side {@code b}'s per round, with its interval, printed and kept for the chart. */
    private void line(String name, SlicedRounds.Samples samples, int a, int b, String what) {
        double[] ratios = samples.ratios(a, b);
        MedianInterval ratio = MedianInterval.of(ratios, MedianInterval.RESAMPLES, Paired.SEED);
        PairedLine line = new PairedLine(name, PairedLine.Unit.RATIO, ratio, Double.NaN, "");
        line = line.withText(String.format(Locale.ROOT, "%s: ratio=%.4f ci=[%.4f,%.4f] pairs=%d %s=%.0f %s=%.0f "
                + "ops/s alloc=%.0f/%.0f B/op (reported: %s)", name, ratio.median(), ratio.lower(), ratio.upper(),
                ratio.samples(), samples.labels().get(a), samples.rate(a), samples.labels().get(b), samples.rate(b),
                samples.bytesPerOperation(a), samples.bytesPerOperation(b), what));
        System.out.println(line.text());
        lines.add(line);
        lineSamples.add(new LineSamples(name, PairedLine.Unit.RATIO, "ratio", "pairs", Double.NaN, ratios));
    }

    /**
     * One provider's cache of the data set, by value or by reference, as an application would open it: from
     * {@code Caching} by the provider's class name, in the provider's default manager.
     */
    private final class OpenCache implements AutoCloseable {

        final Cache<String, Price> cache;
        private final CacheManager manager;
        private final String name;

        OpenCache(String providerClass, boolean byValue) {
            CachingProvider provider = Caching.getCachingProvider(providerClass);
            Properties properties = new Properties();
            // Stowage deserializes only what its allow-list names: the benchmark's record
            properties.setProperty("stowage.jcache.serialAllow", Price.class.getName());
            manager = provider.getCacheManager(provider.getDefaultURI(), getClass().getClassLoader(), properties);
            // Caffeine's caches by value and by reference share its default manager
            name = byValue ? "prices" : "prices-by-reference";
            cache = manager.createCache(name, new MutableConfiguration<String, Price>()
                    .setTypes(String.class, Price.class).setStoreByValue(byValue));
            for (int i = 0; i < entries; i++) {
                cache.put(keys[i], values[i]);
            }
        }

        @Override
        public void close() {
            manager.destroyCache(name);
            // Caffeine's two sides share the manager: the last to go closes it
            if (!manager.getCacheNames().iterator().hasNext()) {
                manager.close();
            }
        }
    }
}
