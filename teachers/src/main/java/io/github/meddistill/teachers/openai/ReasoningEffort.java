package io.github.meddistill.teachers.openai;

/** {@code reasoning_effort} of OpenAI reasoning models (o1, o3-mini, o4-mini, gpt-5; not o1-mini). */
public enum ReasoningEffort {
    LOW, MEDIUM, HIGH;

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
