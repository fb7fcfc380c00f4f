package io.github.meddistill.teachers.spi;

/** How a model's answer ended, as the provider reported it. */
public enum AnswerStatus {
    /** The model finished normally ({@code stop} / {@code STOP}). */
    COMPLETE,
    /** The output hit the token limit ({@code length} / {@code MAX_TOKENS}): the JSON is cut off. */
    TRUNCATED,
    /** The model or a safety filter refused ({@code refusal}, {@code content_filter}, {@code SAFETY}, ...). */
    REFUSED
}
