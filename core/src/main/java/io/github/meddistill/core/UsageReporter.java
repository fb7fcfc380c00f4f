package io.github.meddistill.core;

/**
 * Implemented by teachers that pay per call (LLMs): cumulative tokens and dollars since creation.
 * The distillation pipeline reads it before and after labelling to attribute cost to notes.
 * Implementations must be safe to read while other threads are annotating.
 */
public interface UsageReporter {

    /** Tokens billed so far, answers served from the local cache excluded. */
    TokenUsage tokenUsage();

    /** US dollars spent so far, at the implementation's price table. */
    double costUsd();
}
