package io.github.meddistill.examples.guide;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.UsageTotals;
import io.github.meddistill.teachers.gemini.GeminiTeacher;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
import java.nio.file.Path;
import java.util.List;

/**
 * LLM teachers: OpenAI with {@code OPENAI_API_KEY}, Gemini with {@code GEMINI_API_KEY}, or any
 * OpenAI-compatible server (vLLM, Ollama, ...) running where the notes may go, which needs no key.
 * Answers are cached on disk: running it again costs nothing.
 *
 * <p>Run: {@code java -cp examples/target/meddistill.jar io.github.meddistill.examples.guide.LlmTeachersExample
 * openai gpt-4o-mini} (or {@code gemini gemini-2.0-flash}, or {@code local llama3.1 http://localhost:11434/v1}).
 */
public final class LlmTeachersExample {

    private LlmTeachersExample() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: LlmTeachersExample openai|gemini|local MODEL [BASE_URL]");
            System.exit(2);
        }
        Path cache = Path.of("meddistill-llm-cache");
        try (LlmTeacher teacher = teacher(args[0], args[1], args.length > 2 ? args[2] : null, cache)) {
            List<Document> notes = List.of(
                    new Document("n1", "Started metformin 500 mg b.i.d. for type 2 diabetes; complains of headache."),
                    new Document("n2", "No chest pain. Continue lisinopril for hypertension."));
            for (Annotation annotation : teacher.annotateAll(notes)) {
                System.out.println(annotation.documentId() + " " + annotation.entities().stream()
                        .map(e -> e.type() + ":" + e.text()).toList());
            }
            UsageTotals totals = teacher.totals();
            System.out.printf("paid requests %d, cached answers %d, tokens %d, cost $%.5f%n", totals.paidRequests(),
                    totals.cachedAnswers(), totals.usage().totalTokens(), totals.costUsd());
        }
    }

    /** An OpenAI, Gemini or local OpenAI-compatible teacher for MEDICATION, DISEASE and SYMPTOM. */
    static LlmTeacher teacher(String provider, String model, String baseUrl, Path cache) {
        return switch (provider) {
            case "openai" -> OpenAiTeacher.builder(model).cacheDirectory(cache.resolve(model))
                    .addEntityType(EntityType.MEDICATION).addEntityType(EntityType.DISEASE).addEntityType(EntityType.SYMPTOM)
                    .build();
            case "gemini" -> GeminiTeacher.builder(model).cacheDirectory(cache.resolve(model))
                    .addEntityType(EntityType.MEDICATION).addEntityType(EntityType.DISEASE).addEntityType(EntityType.SYMPTOM)
                    .build();
            case "local" -> OpenAiTeacher.builder(model).baseUrl(baseUrl).price(Price.FREE).cacheDirectory(cache.resolve(model))
                    .addEntityType(EntityType.MEDICATION).addEntityType(EntityType.DISEASE).addEntityType(EntityType.SYMPTOM)
                    .build();
            default -> throw new IllegalArgumentException("unknown provider '" + provider + "': expected openai, gemini or local");
        };
    }
}
