package io.github.meddistill.teachers;

import io.github.meddistill.core.RetriableException;
import java.time.Duration;
import java.util.Optional;

/** HTTP 429 (or Gemini's per-minute {@code RESOURCE_EXHAUSTED}): retried after the server's hint, if any. */
public class RateLimitedException extends RetriableException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
