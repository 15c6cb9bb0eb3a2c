package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * The index function the {@link IndexContract} indexes with, type {@value #TYPE}: a value's words (split at
 * spaces), or with {@code first=true} its first word alone. Register it as an index extension would be (outside a
 * framework: {@link io.stowage.testkit.EmbeddedKernel#withIndexFunction}).
 */
public final class WordsIndexFunction implements IndexFunction {

    public static final String TYPE = "words";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public IndexKeys bind(Map<String, String> parameters) {
        if (!parameters.keySet().stream().allMatch("first"::equals)) {
            throw new IllegalArgumentException("words takes one parameter, first, not " + parameters.keySet());
        }
        boolean first = Boolean.parseBoolean(parameters.get("first"));
        return (key, value) -> {
            List<String> words = new ArrayList<>();
            for (String word : new String(value, UTF_8).split(" ")) {
                if (!word.isEmpty()) {
                    words.add(word);
                    if (first) {
                        break;
                    }
                }
            }
            return words;
        };
    }
}
