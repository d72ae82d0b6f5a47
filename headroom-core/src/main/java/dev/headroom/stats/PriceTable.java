package dev.headroom.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-million-token prices by model, for the cost figures in {@code /stats} and {@code /metrics}.
 *
 * <p>The built-in table ({@code dev/headroom/stats/prices.json}) holds public list prices for current Claude and
 * OpenAI models and names the date they were taken ({@link #asOf()}); they may be out of date. A JSON file of the
 * same shape replaces it ({@link #load(Path)}). A model is found by its exact name, else by the longest listed
 * name it starts with (so {@code claude-sonnet-4-5-20250929} is priced as {@code claude-sonnet-4-5}); a model
 * that is not listed costs nothing and is reported as unpriced by the aggregator.
 */
public final class PriceTable {
    private static final String RESOURCE = "/dev/headroom/stats/prices.json";

    /**
     * Prices in US dollars per million tokens.
     *
     * @param input      prompt tokens at the normal rate
     * @param output     generated tokens
     * @param cacheRead  prompt tokens read from the provider's cache
     * @param cacheWrite prompt tokens written to the provider's cache
     */
    public record ModelPrice(double input, double output, double cacheRead, double cacheWrite) {
        public ModelPrice {
            if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
                throw new IllegalArgumentException("prices must not be negative");
            }
        }
    }

    private final String asOf;
    private final String note;
    private final Map<String, ModelPrice> models;

    public PriceTable(String asOf, String note, Map<String, ModelPrice> models) {
        this.asOf = asOf;
        this.note = note;
        this.models = Map.copyOf(models);
    }

    /** The built-in list prices. */
    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(JsonCodec.parse(in.readAllBytes()), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A price table from a JSON file: {@code {"as_of": "...", "models": {"name": {"input": 3, "output": 15,
     * "cache_read": 0.3, "cache_write": 3.75}}}}. Missing cache prices are 0.
     *
     * @throws IllegalArgumentException when the file is not such a table
     */
    public static PriceTable load(Path file) throws IOException {
        try {
            return parse(JsonCodec.parse(Files.readAllBytes(file)), file.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("price table " + file + ": " + e.getMessage(), e);
        }
    }

    private static PriceTable parse(JsonNode root, String source) {
        JsonNode models = root.path("models");
        if (!models.isObject()) {
            throw new IllegalArgumentException(source + " has no \"models\" object");
        }
        Map<String, ModelPrice> prices = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!p.path("input").isNumber() || !p.path("output").isNumber()) {
                throw new IllegalArgumentException("model " + e.getKey() + " needs numeric input and output prices");
            }
            prices.put(e.getKey(), new ModelPrice(p.path("input").asDouble(), p.path("output").asDouble(),
                    p.path("cache_read").asDouble(0), p.path("cache_write").asDouble(0)));
        }
        return new PriceTable(root.path("as_of").asText(""), root.path("note").asText(""), prices);
    }

    /** The date the prices were taken, such as {@code 2025-11-24}, or an empty string. */
    public String asOf() {
        return asOf;
    }

    /** What the table says about itself (for example that list prices may be out of date). */
    public String note() {
        return note;
    }

    /** The price of a model: exact name first, then the longest listed prefix. */
    public Optional<ModelPrice> price(String model) {
        if (model == null || model.isEmpty()) {
            return Optional.empty();
        }
        ModelPrice exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String name : models.keySet()) {
            if (model.startsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best).map(models::get);
    }

    /**
     * What a request cost, and what it would have cost without compression (the saved tokens billed as
     * input). An unpriced model costs nothing ({@link Cost#priced()} is false).
     */
    public Cost cost(String model, Usage usage, long tokensSaved) {
        Optional<ModelPrice> price = price(model);
        if (price.isEmpty()) {
            return Cost.UNPRICED;
        }
        ModelPrice p = price.get();
        long actual = nanos(usage.inputTokens(), p.input()) + nanos(usage.outputTokens(), p.output())
                + nanos(usage.cacheReadTokens(), p.cacheRead()) + nanos(usage.cacheWriteTokens(), p.cacheWrite());
        long without = actual + nanos(Math.max(0, tokensSaved), p.input());
        return new Cost(true, actual, without);
    }

    /** tokens × USD per million tokens, in nano-dollars (1e-9 USD), rounded. */
    private static long nanos(long tokens, double perMillion) {
        return Math.round(tokens * perMillion * 1000);
    }

    /**
     * The cost of one request, in nano-dollars so that sums are exact.
     *
     * @param priced               whether the model was in the table
     * @param withHeadroomNanos    what the provider bills for the request as sent
     * @param withoutHeadroomNanos what it would have billed for the uncompressed request
     */
    public record Cost(boolean priced, long withHeadroomNanos, long withoutHeadroomNanos) {
        static final Cost UNPRICED = new Cost(false, 0, 0);

        /** Dollars saved, in nano-dollars. */
        public long savedNanos() {
            return withoutHeadroomNanos - withHeadroomNanos;
        }

        /** Converts nano-dollars to dollars. */
        public static double usd(long nanos) {
            return nanos / 1e9;
        }
    }
}
