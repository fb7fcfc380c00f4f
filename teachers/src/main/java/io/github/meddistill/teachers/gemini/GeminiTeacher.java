package io.github.meddistill.teachers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.LlmTeacherBuilder;
import io.github.meddistill.teachers.QuotaExhaustedException;
import io.github.meddistill.teachers.RateLimitedException;
import io.github.meddistill.teachers.internal.HttpErrors;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.ResetDurations;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.BatchRequest;
import io.github.meddistill.teachers.spi.BatchState;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A teacher on the Gemini API: {@code POST {baseUrl}/v1beta/models/{model}:generateContent} with the
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
 * <p>Thread-safe, see {@link LlmTeacher}.
 */
public final class GeminiTeacher extends LlmTeacher {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final String DEFAULT_API_KEY_VARIABLE = "GEMINI_API_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(GeminiTeacher.class);
    private static final Set<String> REFUSALS = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
            "LANGUAGE", "OTHER");

    private final String baseUrl;
    private final String apiKey;
    private final double temperature;
    private final Long seed;
    private final Integer thinkingBudget;

    private GeminiTeacher(Builder b) {
        super(b, b.thinkingBudget != null && b.thinkingBudget != 0);
        this.baseUrl = b.baseUrl();
        this.apiKey = b.key;
        this.temperature = b.temperature() != null ? b.temperature() : 0.0;
        this.seed = b.seed();
        this.thinkingBudget = b.thinkingBudget;
    }

    /** A builder for {@code model} (e.g. {@code "gemini-2.0-flash"}). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    @Override
    protected String provider() {
        return "gemini";
    }

    @Override
    protected String parameterFingerprint() {
        return "temperature=" + temperature + ";seed=" + seed + ";thinkingBudget=" + thinkingBudget;
    }

    private String modelPath() {
        return model.startsWith("models/") ? model : "models/" + model;
    }

    @Override
    protected HttpRequest chatRequest(Prompt prompt) {
        return post(baseUrl + "/v1beta/" + modelPath() + ":generateContent", Json.write(requestBody(prompt)));
    }

    private HttpRequest post(String url, String json) {
        HttpRequest.Builder request = requestTo(URI.create(url)).header("Content-Type", "application/json");
        if (apiKey != null) {
            request.header("x-goog-api-key", apiKey);
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    /** The {@code GenerateContentRequest} body. */
    ObjectNode requestBody(Prompt prompt) {
        ObjectNode body = Json.object();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", prompt.system());
        ObjectNode content = body.putArray("contents").addObject().put("role", "user");
        content.putArray("parts").addObject().put("text", prompt.user());
        ObjectNode config = body.putObject("generationConfig");
        config.put("responseMimeType", "application/json");
        config.set("responseSchema", geminiSchema(prompt.answerSchema()));
        config.put("temperature", temperature);
        config.put("maxOutputTokens", prompt.maxOutputTokens());
        if (seed != null) {
            config.put("seed", seed);
        }
        if (thinkingBudget != null) {
            config.putObject("thinkingConfig").put("thinkingBudget", thinkingBudget);
        }
        return body;
    }

    /** JSON Schema to Gemini's OpenAPI subset: upper-case types, no {@code additionalProperties}. */
    static ObjectNode geminiSchema(JsonNode schema) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            switch (field.getKey()) {
                case "additionalProperties" -> { }
                case "type" -> out.put("type", field.getValue().asText().toUpperCase(Locale.ROOT));
                case "items" -> out.set("items", geminiSchema(field.getValue()));
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    field.getValue().properties().forEach(p -> properties.set(p.getKey(), geminiSchema(p.getValue())));
                }
                case "enum" -> {
                    out.set("enum", field.getValue());
                    out.put("format", "enum");
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    @Override
    protected ModelAnswer parseChatResponse(String body) {
        return parseGenerateContent(readResponse(body, "generateContent"));
    }

    private ModelAnswer parseGenerateContent(JsonNode root) {
        TokenUsage usage = usage(root.path("usageMetadata"));
        JsonNode candidate = root.path("candidates").path(0);
        if (!candidate.isObject()) {
            String blocked = root.path("promptFeedback").path("blockReason").asText("");
            if (!blocked.isEmpty()) {
                return new ModelAnswer("", AnswerStatus.REFUSED, "blockReason=" + blocked, usage);
            }
            throw new RetriableException("gemini generateContent: response has no candidates[0]");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false) && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        String finishReason = candidate.path("finishReason").asText("");
        AnswerStatus status = "MAX_TOKENS".equals(finishReason) ? AnswerStatus.TRUNCATED
                : REFUSALS.contains(finishReason) ? AnswerStatus.REFUSED : AnswerStatus.COMPLETE;
        return new ModelAnswer(text.toString(), status, finishReason, usage);
    }

    /** {@code usageMetadata}: thoughts are billed as output, so output = candidates + thoughts. */
    static TokenUsage usage(JsonNode meta) {
        long input = Json.longAt(meta, "promptTokenCount");
        long cached = Math.min(input, Json.longAt(meta, "cachedContentTokenCount"));
        long thoughts = Json.longAt(meta, "thoughtsTokenCount");
        return new TokenUsage(input, cached, Json.longAt(meta, "candidatesTokenCount") + thoughts, thoughts);
    }

    @Override
    protected MedDistillException mapHttpError(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 400 && body.contains("API_KEY_INVALID")) {
            return new AuthenticationException("gemini HTTP 400 API_KEY_INVALID: the API key is not valid (the key is"
                    + " not shown)", status);
        }
        if (status == 429 && body.contains("RESOURCE_EXHAUSTED")) {
            String detail = HttpErrors.serverMessage(body).map(m -> ": " + m).orElse("");
            if (isDailyQuota(body)) {
                return new QuotaExhaustedException("gemini HTTP 429 RESOURCE_EXHAUSTED: a per-day quota is used up;"
                        + " stopping instead of retrying (labelled notes are cached, run again after the reset)" + detail);
            }
            Duration hint = retryDelay(body);
            return new RateLimitedException("gemini HTTP 429 RESOURCE_EXHAUSTED" + detail,
                    hint != null ? hint : HttpErrors.serverHint(response.headers()).orElse(null));
        }
        return super.mapHttpError(response);
    }

    private static boolean isDailyQuota(String body) {
        try {
            JsonNode error = Json.read(body).path("error");
            if (error.path("message").asText("").toLowerCase(Locale.ROOT).contains("per day")) {
                return true;
            }
            for (JsonNode detail : error.path("details")) {
                for (JsonNode violation : detail.path("violations")) {
                    if (violation.path("quotaId").asText("").contains("PerDay")) {
                        return true;
                    }
                }
                if (detail.path("metadata").path("quota_limit").asText("").contains("PerDay")) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException notJson) {
            return body.contains("PerDay");
        }
    }

    private static Duration retryDelay(String body) {
        try {
            for (JsonNode detail : Json.read(body).path("error").path("details")) {
                if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                    return ResetDurations.parseGoDuration(detail.path("retryDelay").asText("")).orElse(null);
                }
            }
        } catch (java.io.IOException notJson) {
            return null;
        }
        return null;
    }

    // ---- batch mode -------------------------------------------------------------------------------

    @Override
    protected String submitBatchRequests(List<BatchRequest> requests) {
        ObjectNode body = Json.object();
        ObjectNode batch = body.putObject("batch").put("displayName", "meddistill-" + name() + "-" + requests.size());
        ArrayNode inlined = batch.putObject("inputConfig").putObject("requests").putArray("requests");
        for (BatchRequest request : requests) {
            ObjectNode item = inlined.addObject();
            item.set("request", requestBody(request.prompt()));
            item.putObject("metadata").put("key", request.key());
        }
        HttpResponse<String> response = exchange(post(baseUrl + "/v1beta/" + modelPath() + ":batchGenerateContent",
                Json.write(body)), "batch creation");
        String name = readResponse(response.body(), "batch creation").path("name").asText("");
        if (name.isEmpty()) {
            throw new NonRetriableException("gemini batch creation: response has no 'name'");
        }
        return name;
    }

    @Override
    protected BatchState fetchBatchState(String batchId) {
        HttpRequest.Builder get = requestTo(URI.create(baseUrl + "/v1beta/" + batchId)).GET();
        if (apiKey != null) {
            get.header("x-goog-api-key", apiKey);
        }
        JsonNode operation = readResponse(exchange(get.build(), "batch status").body(), "batch status");
        String state = operation.path("metadata").path("state").asText(operation.path("state").asText(""));
        boolean done = operation.path("done").asBoolean(false) || state.endsWith("SUCCEEDED") || state.endsWith("FAILED")
                || state.endsWith("CANCELLED") || state.endsWith("EXPIRED");
        if (!done) {
            return new BatchState(false, state, Map.of(), Map.of());
        }
        JsonNode responses = operation.path("response").path("inlinedResponses").path("inlinedResponses");
        if (!responses.isArray()) {
            responses = operation.path("metadata").path("output").path("inlinedResponses").path("inlinedResponses");
        }
        JsonNode requests = operation.path("metadata").path("inputConfig").path("requests").path("requests");
        Map<String, ModelAnswer> answers = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            JsonNode item = responses.get(i);
            // responses come in request order: the echoed metadata.key, else the key of the i-th request
            String key = item.path("metadata").path("key").asText(requests.path(i).path("metadata").path("key").asText(""));
            if (key.isEmpty()) {
                LOG.warn("gemini batch {}: response {} carries no key and cannot be mapped; its chunk is requested again",
                        batchId, i);
            } else if (item.path("response").isObject()) {
                answers.put(key, parseGenerateContent(item.path("response")));
            } else {
                errors.put(key, item.path("error").path("message").asText("no response"));
            }
        }
        return new BatchState(true, state.isEmpty() ? "done" : state, answers, errors);
    }

    /** Builder of {@link GeminiTeacher}; {@link #build()} validates every field. */
    public static final class Builder extends LlmTeacherBuilder<Builder> {

        private Integer thinkingBudget;
        private String key;

        private Builder(String model) {
            super(model);
        }

        /** {@code thinkingConfig.thinkingBudget} for 2.5 models (0 turns thinking off on Flash). */
        public Builder thinkingBudget(int thinkingBudget) {
            this.thinkingBudget = thinkingBudget;
            return this;
        }

        String baseUrl() {
            return baseUrlOr(DEFAULT_BASE_URL);
        }

        Double temperature() {
            return temperatureSetting();
        }

        Long seed() {
            return seedSetting();
        }

        public GeminiTeacher build() {
            validate();
            if (thinkingBudget != null && thinkingBudget < -1) {
                throw new IllegalArgumentException("thinkingBudget must be -1 (dynamic), 0 (off) or positive: " + thinkingBudget);
            }
            key = resolveApiKey(DEFAULT_API_KEY_VARIABLE);
            if (key == null && baseUrl().startsWith(DEFAULT_BASE_URL)) {
                throw new IllegalArgumentException("apiKey: no API key for " + baseUrl() + "; set apiKey(...) or the"
                        + " environment variable " + apiKeyVariable(DEFAULT_API_KEY_VARIABLE));
            }
            return new GeminiTeacher(this);
        }
    }
}
