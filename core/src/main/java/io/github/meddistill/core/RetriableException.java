package io.github.meddistill.core;

/** A transient failure: the same call may succeed later (rate limit, server error, timeout, reset). */
public class RetriableException extends MedDistillException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
