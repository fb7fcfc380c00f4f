package io.github.meddistill.teachers;

import io.github.meddistill.core.RetriableException;
import java.time.Duration;
import java.util.Optional;

/** HTTP 5xx or 408 from the provider: retried. */
public class ServerErrorException extends RetriableException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    public ServerErrorException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** How long the server asked to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
