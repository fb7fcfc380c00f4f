package io.github.meddistill.teachers;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient failures (HTTP 429 and 5xx, timeouts, connection resets) are retried: exponential
 * backoff from {@code initialDelay}, doubled per attempt up to {@code maxDelay}, each delay multiplied
 * by a random factor in {@code [1 - jitter, 1]} so that parallel workers do not retry in lockstep. A
 * server's own hint ({@code Retry-After}, OpenAI's {@code x-ratelimit-reset-*}, Gemini's
 * {@code RetryInfo}) is waited for when it asks for longer, up to {@code maxServerDelay}.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 * @param initialDelay delay before the first retry
 * @param maxDelay cap of the exponential delay
 * @param jitter fraction in {@code [0, 1]} of each delay that is randomised
 * @param maxServerDelay the longest server hint that is honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter,
                          Duration maxServerDelay) {

    /** 8 attempts, 1 s doubling to 60 s, 20% jitter, server hints up to 10 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2,
            Duration.ofMinutes(10));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxServerDelay, "maxServerDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxServerDelay.isNegative()) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay and maxServerDelay >= 0:"
                    + " initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", maxServerDelay=" + maxServerDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        }
    }

    /** The wait before retry number {@code retry} (1 = first retry), given an optional server hint. */
    public Duration delay(int retry, Duration serverHint) {
        double base = initialDelay.toNanos() * Math.pow(2, Math.max(0, retry - 1));
        double capped = Math.min(base, maxDelay.toNanos());
        double factor = 1 - jitter * ThreadLocalRandom.current().nextDouble();
        Duration backoff = Duration.ofNanos((long) (capped * factor));
        if (serverHint == null) {
            return backoff;
        }
        Duration hint = serverHint.compareTo(maxServerDelay) > 0 ? maxServerDelay : serverHint;
        return hint.compareTo(backoff) > 0 ? hint : backoff;
    }
}
