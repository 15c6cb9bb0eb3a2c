package io.stowage.kernel.index;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Map;

import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * A test index function: a value's words (split at spaces), lower-cased, or with {@code first=true} its first word
 * alone. Any other parameter is refused.
 */
public final class WordsIndex implements IndexFunction {

    @Override
    public String type() {
        return "words";
    }

    @Override
    public IndexKeys bind(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!name.equals("first")) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'");
            }
        }
        boolean first = Boolean.parseBoolean(parameters.getOrDefault("first", "false"));
        return (key, value) -> {
            String[] words = Arrays.stream(new String(value, UTF_8).split(" ")).filter(w -> !w.isEmpty())
                    .map(String::toLowerCase).toArray(String[]::new);
            return first && words.length > 0 ? Arrays.asList(words[0]) : Arrays.asList(words);
        };
    }
}
