package io.github.meddistill.spark;

import io.github.meddistill.teachers.LlmTeacherBuilder;
import java.io.Serializable;

/**
 * Makes the builder of an LLM teacher on an executor, e.g.
 * {@code () -> OpenAiTeacher.builder("gpt-4o-mini").cacheDirectory(Path.of("/mnt/shared/cache"))}. The executor sets
 * the job's shared request budget on it and builds it, once per executor JVM. Leave the builder's own
 * {@code requestsPerMinute} and {@code tokensPerMinute} unset: they would limit each executor alone, and building
 * fails if they are set together with the budget.
 */
@FunctionalInterface
public interface LlmTeacherFactory extends Serializable {

    /** A new builder, not built yet. */
    LlmTeacherBuilder<?> builder();
}
