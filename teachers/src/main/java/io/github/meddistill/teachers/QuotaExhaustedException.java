package io.github.meddistill.teachers;

import io.github.meddistill.core.NonRetriableException;

/**
 * A quota that does not come back within minutes (Gemini's daily {@code RESOURCE_EXHAUSTED}, OpenAI's
 * {@code insufficient_quota}). The teacher stops sending requests: notes not yet labelled fail at once
 * with this exception, and labelled ones stay in the cache for the next run.
 */
public class QuotaExhaustedException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    public QuotaExhaustedException(String message) {
        super(message);
    }
}
