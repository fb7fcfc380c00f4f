package io.github.meddistill.teachers;

import io.github.meddistill.core.TokenUsage;

/**
 * A model's list price in US dollars per one million tokens. Reasoning tokens are billed as output
 * tokens; cached input tokens at their own (lower) rate.
 *
 * @param inputPerMillion price of uncached input tokens
 * @param cachedInputPerMillion price of input tokens served from the provider's prompt cache
 * @param outputPerMillion price of output tokens, reasoning included
 */
public record Price(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    /** A model that costs nothing, e.g. a local model behind an OpenAI-compatible server. */
    public static final Price FREE = new Price(0, 0, 0);

    public Price {
        if (!(inputPerMillion >= 0) || !(cachedInputPerMillion >= 0) || !(outputPerMillion >= 0)
                || Double.isInfinite(inputPerMillion + cachedInputPerMillion + outputPerMillion)) {
            throw new IllegalArgumentException("prices must be finite and not negative: input=" + inputPerMillion
                    + ", cachedInput=" + cachedInputPerMillion + ", output=" + outputPerMillion);
        }
    }

    /** US dollars for the given usage. */
    public double cost(TokenUsage usage) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
        return (uncached * inputPerMillion + usage.cachedInputTokens() * cachedInputPerMillion
                + usage.outputTokens() * outputPerMillion) / 1_000_000.0;
    }

    /** This price times {@code factor}, e.g. 0.5 for the providers' batch discount. */
    public Price times(double factor) {
        return new Price(inputPerMillion * factor, cachedInputPerMillion * factor, outputPerMillion * factor);
    }
}
