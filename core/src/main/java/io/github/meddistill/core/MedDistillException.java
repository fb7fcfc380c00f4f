package io.github.meddistill.core;

/**
 * Root of every failure of MedDistill's work (input, files, models, services); a bad argument or builder setting is
 * an {@link IllegalArgumentException} instead (see the package documentation for the whole policy). Unchecked, always
 * with a message that says what was expected and what came, and with the cause where there is one.
 *
 * <p>Subclasses say whether retrying can help: {@link RetriableException} for transient failures
 * (rate limits, server errors, timeouts), {@link NonRetriableException} for everything a retry
 * cannot fix (bad input, authentication, invalid requests).
 */
public class MedDistillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MedDistillException(String message) {
        super(message);
    }

    public MedDistillException(String message, Throwable cause) {
        super(message, cause);
    }
}
