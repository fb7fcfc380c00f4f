package io.github.meddistill.teachers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * List prices by model name. A model matches the longest entry that its name starts with, so dated
 * snapshots ({@code gpt-4o-2024-08-06}) take their family's price and {@code gpt-4o-mini} is not
 * priced as {@code gpt-4o}. Immutable and thread-safe.
 *
 * <p>The {@link #defaults() defaults} are the providers' standard (non-batch) list prices in USD per
 * 1M tokens as published on <a href="https://openai.com/api/pricing/">openai.com/api/pricing</a> and
 * <a href="https://ai.google.dev/gemini-api/docs/pricing">ai.google.dev/gemini-api/docs/pricing</a>,
 * as of mid-2025 (Gemini 1.5 Flash at its prompts-up-to-128k rate). They were written down from those
 * pages and could not be re-checked from this build machine; prices change, so override them
 * with {@link #with(String, Price)} before budgeting a large run. Batch jobs are billed at
 * {@link #BATCH_DISCOUNT} of these prices by both providers.
 */
public final class PriceTable {

    /** Fraction of the list price that OpenAI's Batch API and Gemini's batch mode charge. */
    public static final double BATCH_DISCOUNT = 0.5;

    private static final PriceTable DEFAULTS = new PriceTable(Map.ofEntries(
            Map.entry("gpt-4o", new Price(2.50, 1.25, 10.00)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.075, 0.60)),
            Map.entry("gpt-4.1", new Price(2.00, 0.50, 8.00)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 0.10, 1.60)),
            Map.entry("o1", new Price(15.00, 7.50, 60.00)),
            Map.entry("o1-mini", new Price(1.10, 0.55, 4.40)),
            Map.entry("o3-mini", new Price(1.10, 0.55, 4.40)),
            Map.entry("o4-mini", new Price(1.10, 0.275, 4.40)),
            Map.entry("gemini-1.5-flash", new Price(0.075, 0.01875, 0.30)),
            Map.entry("gemini-2.0-flash", new Price(0.10, 0.025, 0.40)),
            Map.entry("gemini-2.0-flash-lite", new Price(0.075, 0.01875, 0.30)),
            Map.entry("gemini-2.5-flash", new Price(0.30, 0.075, 2.50))));

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The built-in list prices (see the class comment for source and date). */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    /** A table without any price. */
    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** A copy with {@code model}'s price set (added or replaced). */
    public PriceTable with(String model, Price price) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(price, "price");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        Map<String, Price> copy = new LinkedHashMap<>(prices);
        copy.put(model.toLowerCase(Locale.ROOT), price);
        return new PriceTable(copy);
    }

    /** The price of the longest entry that {@code model} starts with (case-insensitive). */
    public Optional<Price> find(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        String best = null;
        for (String candidate : prices.keySet()) {
            if (name.startsWith(candidate) && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    /** Every entry, for reports. */
    public Map<String, Price> asMap() {
        return prices;
    }
}
