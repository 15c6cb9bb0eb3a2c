package io.stowage.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.datafaker.Faker;

/**
 * Realistic values for the transform benchmarks: customers with their recent orders as JSON, a few hundred bytes to a
 * few KB, made by Datafaker from a seed so that every run stores the same bytes. Datafaker is slow (tens of
 * microseconds a field), so it makes a pool of profiles once; value {@code i} is profile {@code i % pool} with
 * customer id {@code i}, which keeps every value distinct at a cost of one serialization.
 */
final class CustomerRecords {

    /** Dates from a fixed instant, never from the clock: Datafaker's date methods count back from now. */
    private static final long EPOCH_2024 = 1_704_067_200L;
    private static final long TWO_YEARS_SECONDS = 2L * 365 * 24 * 3600;
    private static final String[] STATUSES = {"placed", "paid", "shipped", "delivered", "returned"};
    private static final String[] TIERS = {"basic", "silver", "gold", "platinum"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final ObjectMapper JSON = new ObjectMapper();

    record Address(String street, String city, String state, String zip, String country) {
    }

    record Line(String sku, String product, String material, int quantity, String unitPrice) {
    }

    record Order(String orderId, String placedAt, String status, String currency, List<Line> lines,
            String total, String promotion) {
    }

    record Customer(long id, String name, String email, String phone, String company, String tier, String since,
            Address billing, Address shipping, String userAgent, String notes, List<Order> orders) {

        Customer withId(long newId) {
            return new Customer(newId, name, email, phone, company, tier, since, billing, shipping, userAgent, notes,
                    orders);
        }
    }

    private final List<Customer> pool;

    CustomerRecords(int profiles, long seed) {
        Random random = new Random(seed);
        Faker faker = new Faker(Locale.ENGLISH, random);
        List<Customer> made = new ArrayList<>(profiles);
        for (int i = 0; i < profiles; i++) {
            made.add(customer(faker, random, i));
        }
        this.pool = List.copyOf(made);
    }

    int profiles() {
        return pool.size();
    }

    /** Value {@code i}: its profile's JSON with customer id {@code i}. */
    byte[] value(long i) {
        try {
            return JSON.writeValueAsBytes(pool.get((int) (i % pool.size())).withId(i));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a customer record did not serialize", e);
        }
    }

    /** Lengths of values 0 to {@code count - 1}: the smallest, the median, the mean and the largest, as text. */
    String sizes(int count) {
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = value(i).length;
        }
        Arrays.sort(lengths);
        return String.format(Locale.ROOT, "%d to %d B, median %d, mean %.0f", lengths[0], lengths[count - 1],
                lengths[count / 2], Arrays.stream(lengths).average().orElse(0));
    }

    /** The key of value {@code i}: customer ids as an application would key them. */
    static String key(long i) {
        return String.format(Locale.ROOT, "customer:%09d", i);
    }

    private static Customer customer(Faker faker, Random random, long id) {
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        Address billing = address(faker);
        // Most customers ship where they are billed; the rest to a second address
        Address shipping = random.nextInt(4) == 0 ? address(faker) : billing;
        // Skewed towards few orders, as customers are: 0 to 11, about 2.7 on average
        int orders = Math.min(11, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 2.7));
        List<Order> history = new ArrayList<>(orders);
        for (int o = 0; o < orders; o++) {
            history.add(order(faker, random));
        }
        return new Customer(id, faker.name().prefix() + " " + first + " " + last,
                (first + "." + last + "@" + faker.internet().domainName()).toLowerCase(Locale.ROOT),
                faker.phoneNumber().cellPhone(), faker.company().name(), TIERS[random.nextInt(TIERS.length)],
                date(random), billing, shipping, faker.internet().userAgent(), faker.lorem().sentence(), history);
    }

    private static Address address(Faker faker) {
        return new Address(faker.address().streetAddress(), faker.address().city(), faker.address().state(),
                faker.address().zipCode(), faker.address().country());
    }

    private static Order order(Faker faker, Random random) {
        int count = 1 + random.nextInt(4);
        List<Line> lines = new ArrayList<>(count);
        long cents = 0;
        for (int l = 0; l < count; l++) {
            int quantity = 1 + random.nextInt(5);
            long price = 99 + random.nextInt(50_000);
            cents += quantity * price;
            lines.add(new Line(String.format(Locale.ROOT, "SKU-%06d", random.nextInt(1_000_000)),
                    faker.commerce().productName(), faker.commerce().material(), quantity, money(price)));
        }
        return new Order(String.format(Locale.ROOT, "ORD-%010d", random.nextInt(Integer.MAX_VALUE)), date(random),
                STATUSES[random.nextInt(STATUSES.length)], CURRENCIES[random.nextInt(CURRENCIES.length)], lines,
                money(cents), random.nextInt(5) == 0 ? faker.commerce().promotionCode() : null);
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    private static String date(Random random) {
        return Instant.ofEpochSecond(EPOCH_2024 + (long) (random.nextDouble() * TWO_YEARS_SECONDS)).toString();
    }
}
