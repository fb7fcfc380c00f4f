package io.github.meddistill.teachers.gemini;

import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.LlmTeacherBuilder;
import io.github.meddistill.teachers.QuotaExhaustedException;
import io.github.meddistill.teachers.spi.ChatProvider;
import java.util.List;

/**
 * Builds teachers on the Gemini API: {@code POST {baseUrl}/v1beta/models/{model}:generateContent} with the
 * key in the {@code x-goog-api-key} header (never in the URL), {@code systemInstruction}, and
 * {@code generationConfig.responseMimeType = application/json} with a {@code responseSchema} (our
 * answer schema in Gemini's OpenAPI subset). Temperature (default 0), seed and, for 2.5 models, a
 * thinking budget are sent in {@code generationConfig}.
 *
 * <p>Usage: {@code usageMetadata.promptTokenCount} is input with {@code cachedContentTokenCount}
 * cached; output is {@code candidatesTokenCount + thoughtsTokenCount} (thinking is billed as output),
 * reasoning is {@code thoughtsTokenCount}.
 *
 * <p>Errors: a {@code 429 RESOURCE_EXHAUSTED} naming a per-day quota stops the teacher
 * ({@link QuotaExhaustedException}); other 429s are retried after {@code RetryInfo.retryDelay}. A 400
 * with {@code API_KEY_INVALID} is an {@link AuthenticationException}.
 *
 * <p>Batch mode uses {@code models/{model}:batchGenerateContent} with inline requests (the API limits
 * an inline batch to 20 MB) and polls {@code GET /v1beta/batches/{id}}.
 *
 * <p>{@link Builder#build()} returns an {@link LlmTeacher} over this wire format; it is thread-safe.
 */
public final class GeminiTeacher {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final String DEFAULT_API_KEY_VARIABLE = "GEMINI_API_KEY";

    private GeminiTeacher() {
    }

    /** A builder for {@code model} (e.g. {@code "gemini-2.0-flash"}). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** Builder of a Gemini teacher; {@link #build()} validates every field and returns an {@link LlmTeacher}. */
    public static final class Builder extends LlmTeacherBuilder<Builder> {

        private Integer thinkingBudget;

        private Builder(String model) {
            super(model);
        }

        /** {@code thinkingConfig.thinkingBudget} for 2.5 models (0 turns thinking off on Flash). */
        public Builder thinkingBudget(int thinkingBudget) {
            this.thinkingBudget = thinkingBudget;
            return this;
        }

        @Override
        protected void validateProvider(List<String> problems) {
            if (thinkingBudget != null && thinkingBudget < -1) {
                problems.add("thinkingBudget must be -1 (dynamic), 0 (off) or positive: " + thinkingBudget);
            }
            String baseUrl = baseUrlOr(DEFAULT_BASE_URL);
            if (resolveApiKey(DEFAULT_API_KEY_VARIABLE) == null && baseUrl.startsWith(DEFAULT_BASE_URL)) {
                problems.add("apiKey: no API key for " + baseUrl + "; set apiKey(...) or the"
                        + " environment variable " + apiKeyVariable(DEFAULT_API_KEY_VARIABLE));
            }
        }

        @Override
        protected int defaultMaxOutputTokens() {
            return thinkingBudget != null && thinkingBudget != 0 ? 16_384 : 4_096;
        }

        @Override
        protected ChatProvider provider() {
            return new GeminiChatProvider(model(), baseUrlOr(DEFAULT_BASE_URL), resolveApiKey(DEFAULT_API_KEY_VARIABLE),
                    temperatureSetting(), seedSetting(), thinkingBudget, connectTimeoutOrDefault(),
                    requestTimeoutOrDefault(), retryPolicyOrDefault());
        }
    }
}
