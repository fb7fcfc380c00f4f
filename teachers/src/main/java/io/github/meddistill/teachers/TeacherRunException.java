package io.github.meddistill.teachers;

import io.github.meddistill.core.MedDistillException;

/**
 * Thrown by {@link LlmTeacher#annotateAll(java.util.List)} when some notes could not be labelled. The
 * others are labelled, paid answers are in the cache, and {@link #run()} holds every result; use
 * {@link LlmTeacher#label(java.util.List)} to get partial results without an exception.
 */
public class TeacherRunException extends MedDistillException {

    private static final long serialVersionUID = 1L;

    private final transient LabellingRun run;

    public TeacherRunException(String message, LabellingRun run, Throwable firstCause) {
        super(message, firstCause);
        this.run = run;
    }

    /** Every note's result. */
    public LabellingRun run() {
        return run;
    }
}
