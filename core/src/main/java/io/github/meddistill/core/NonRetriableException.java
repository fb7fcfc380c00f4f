package io.github.meddistill.core;

/** A failure that repeating the same call cannot fix: bad input, authentication, invalid request. */
public class NonRetriableException extends MedDistillException {

    private static final long serialVersionUID = 1L;

    public NonRetriableException(String message) {
        super(message);
    }

    public NonRetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
