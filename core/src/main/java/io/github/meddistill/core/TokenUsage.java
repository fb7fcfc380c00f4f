package io.github.meddistill.core;

/**
 * Tokens billed for one or more LLM calls. Values add up with {@link #plus(TokenUsage)}.
 *
 * @param inputTokens prompt tokens, including the cached ones
 * @param cachedInputTokens the part of {@code inputTokens} served from the provider's prompt cache
 * @param outputTokens completion tokens, including reasoning tokens
 * @param reasoningTokens the part of {@code outputTokens} spent on hidden reasoning
 */
public record TokenUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", "
                    + cachedInputTokens + ", " + outputTokens + ", " + reasoningTokens);
        }
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens, reasoningTokens + other.reasoningTokens);
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
