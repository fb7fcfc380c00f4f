package io.github.meddistill.examples.demo;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.gemini.GeminiTeacher;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
import java.nio.file.Path;
import java.util.Set;

/** The LLM teachers the command line builds from a model name, each with its own answer cache. */
public final class LlmTeachers {

    private LlmTeachers() {
    }

    /**
     * An OpenAI teacher (key in {@code OPENAI_API_KEY}), or, with {@code baseUrl}, a teacher on an
     * OpenAI-compatible server such as vLLM or Ollama, which needs no key and costs nothing.
     *
     * @param baseUrl the server's {@code /v1} URL, or {@code null} for OpenAI itself
     */
    public static LlmTeacher openAi(String model, String baseUrl, Set<EntityType> types, Path cacheRoot) {
        OpenAiTeacher.Builder builder = OpenAiTeacher.builder(model).cacheDirectory(cacheRoot.resolve("openai-" + model));
        types.forEach(builder::addEntityType);
        if (baseUrl != null) {
            builder.baseUrl(baseUrl).price(Price.FREE);
        }
        return builder.build();
    }

    /** A Gemini teacher (key in {@code GEMINI_API_KEY}). */
    public static LlmTeacher gemini(String model, Set<EntityType> types, Path cacheRoot) {
        GeminiTeacher.Builder builder = GeminiTeacher.builder(model).cacheDirectory(cacheRoot.resolve("gemini-" + model));
        types.forEach(builder::addEntityType);
        return builder.build();
    }
}
