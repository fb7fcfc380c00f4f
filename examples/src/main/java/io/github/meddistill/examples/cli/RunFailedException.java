package io.github.meddistill.examples.cli;

/**
 * The run itself failed after its input and output locations were checked: writing its output failed (a full disk,
 * a folder removed meanwhile). Exits with code {@value MedDistillCommand#RUN_FAILED}, not as bad input.
 */
final class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
