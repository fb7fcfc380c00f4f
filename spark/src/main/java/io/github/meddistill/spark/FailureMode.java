package io.github.meddistill.spark;

/** What a Spark job does with a note that its student or teacher cannot process (after the teacher's own retries). */
public enum FailureMode {

    /**
     * The note's entities column is null and its error column says what failed (exception class and message, never
     * the note's text); the job goes on. The default.
     */
    NULL_WITH_ERROR,

    /** The task fails with the note's exception; Spark retries it as configured and then fails the job. */
    FAIL_FAST
}
