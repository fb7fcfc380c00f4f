package io.github.meddistill.teachers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.internal.HttpTransport;
import io.github.meddistill.teachers.QuotaExhaustedException;
import io.github.meddistill.teachers.RateLimitedException;
import io.github.meddistill.teachers.internal.HttpErrors;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.ResetDurations;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.BatchChatProvider;
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
 * The Gemini API wire format ({@code generateContent}, {@code batchGenerateContent}) as a {@link BatchChatProvider};
 * {@link GeminiTeacher} documents the behaviour and builds it. Thread-safe.
 */
final class GeminiChatProvider implements BatchChatProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiChatProvider.class);
    private static final Set<String> REFUSALS = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
            "LANGUAGE", "OTHER");

    private final String model;
    private final String baseUrl;
    private final String apiKey;
    private final double temperature;
    private final Long seed;
    private final Integer thinkingBudget;
    private final HttpTransport http;

    GeminiChatProvider(String model, String baseUrl, String apiKey, Double temperature, Long seed,
                       Integer thinkingBudget, Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy) {
        this.model = model;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.temperature = temperature != null ? temperature : 0.0;
        this.seed = seed;
        this.thinkingBudget = thinkingBudget;
        this.http = new HttpTransport("gemini", connectTimeout, requestTimeout, retryPolicy, GeminiChatProvider::mapHttpError);
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String parameters() {
        return "temperature=" + temperature + ";seed=" + seed + ";thinkingBudget=" + thinkingBudget;
    }

    private String modelPath() {
        return model.startsWith("models/") ? model : "models/" + model;
    }

    @Override
    public ModelAnswer chat(Prompt prompt) {
        HttpRequest request = post(baseUrl + "/v1beta/" + modelPath() + ":generateContent", Json.write(requestBody(prompt)));
        return parseGenerateContent(http.readResponse(http.send(request).body(), "generateContent"));
    }

    private HttpRequest post(String url, String json) {
        HttpRequest.Builder request = http.requestTo(URI.create(url)).header("Content-Type", "application/json");
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

    private static MedDistillException mapHttpError(HttpResponse<String> response) {
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
        return HttpErrors.map("gemini", status, response.headers(), response.body());
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
    public String submitBatch(List<BatchRequest> requests) {
        ObjectNode body = Json.object();
        ObjectNode batch = body.putObject("batch").put("displayName", "meddistill-" + model + "-" + requests.size());
        ArrayNode inlined = batch.putObject("inputConfig").putObject("requests").putArray("requests");
        for (BatchRequest request : requests) {
            ObjectNode item = inlined.addObject();
            item.set("request", requestBody(request.prompt()));
            item.putObject("metadata").put("key", request.key());
        }
        HttpResponse<String> response = http.exchange(post(baseUrl + "/v1beta/" + modelPath() + ":batchGenerateContent",
                Json.write(body)), "batch creation");
        String name = http.readResponse(response.body(), "batch creation").path("name").asText("");
        if (name.isEmpty()) {
            throw new NonRetriableException("gemini batch creation: response has no 'name'");
        }
        return name;
    }

    @Override
    public BatchState batchState(String batchId) {
        HttpRequest.Builder get = http.requestTo(URI.create(baseUrl + "/v1beta/" + batchId)).GET();
        if (apiKey != null) {
            get.header("x-goog-api-key", apiKey);
        }
        JsonNode operation = http.readResponse(http.exchange(get.build(), "batch status").body(), "batch status");
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

}
