package io.github.meddistill.teachers.spi;

import io.github.meddistill.core.TokenUsage;
import java.util.Objects;

/**
 * A provider's answer to one {@link Prompt}: the raw text the model produced (expected to be JSON),
 * how it ended, what the provider reported as finish reason, and the billed tokens.
 *
 * @param content the raw answer text, possibly empty; PHI: never log above DEBUG
 * @param status how the answer ended
 * @param finishReason the provider's own finish reason, for reports (e.g. {@code "length"})
 * @param usage billed tokens as reported by the provider
 */
public record ModelAnswer(String content, AnswerStatus status, String finishReason, TokenUsage usage) {

    public ModelAnswer {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
    }

    @Override
    public String toString() {
        return "ModelAnswer[status=" + status + ", finishReason=" + finishReason + ", content length="
                + content.length() + ", usage=" + usage + "]";
    }
}
