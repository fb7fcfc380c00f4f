package io.github.meddistill.teachers;

import io.github.meddistill.core.NonRetriableException;

/**
 * The model answered (and was paid) but the answer cannot be used: cut off at the token limit, refused,
 * not JSON, or JSON that breaks the answer schema. The raw answer is kept in the cache for inspection
 * ({@link #rawAnswer()}; never in the message, since it may contain note text). A re-run replays the
 * same answer without paying; change the model parameters (e.g. more output tokens) to ask again.
 */
public class InvalidAnswerException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the answer. */
    public enum Kind {
        /** The output hit the token limit. */
        TRUNCATED,
        /** The model or a filter refused. */
        REFUSED,
        /** The answer is not valid JSON. */
        MALFORMED_JSON,
        /** Valid JSON that does not follow {@code {"entities":[{"text":..., "type":...}]}}. */
        SCHEMA_VIOLATION
    }

    private final Kind kind;
    private final transient String rawAnswer;

    public InvalidAnswerException(String message, Kind kind, String rawAnswer) {
        super(message);
        this.kind = kind;
        this.rawAnswer = rawAnswer;
    }

    public Kind kind() {
        return kind;
    }

    /** The model's raw answer text. PHI: never log above DEBUG. */
    public String rawAnswer() {
        return rawAnswer;
    }
}
