package io.github.meddistill.teachers.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One request to a model: system instructions, the user message holding (a chunk of) the note, and
 * the JSON schema the answer must follow (standard JSON Schema, strict-mode compatible: every
 * property required, no additional properties).
 *
 * @param system instructions; PHI-free (entity definitions only)
 * @param user the user message; contains note text, so never log it above DEBUG
 * @param answerSchema JSON schema of the answer; callers must not modify it
 * @param maxOutputTokens the most tokens the model may answer with
 */
public record Prompt(String system, String user, ObjectNode answerSchema, int maxOutputTokens) {

    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(answerSchema, "answerSchema");
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive: " + maxOutputTokens);
        }
    }

    @Override
    public String toString() {
        return "Prompt[system length=" + system.length() + ", user length=" + user.length()
                + ", maxOutputTokens=" + maxOutputTokens + "]";
    }
}
