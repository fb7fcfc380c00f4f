package io.github.meddistill.teachers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.internal.HttpErrors;
import io.github.meddistill.teachers.internal.HttpTransport;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.Multipart;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.BatchChatProvider;
import io.github.meddistill.teachers.spi.BatchRequest;
import io.github.meddistill.teachers.spi.BatchState;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI Chat Completions and Batch API wire format (also Azure OpenAI and OpenAI-compatible servers), as a
 * {@link BatchChatProvider}; {@link OpenAiTeacher} documents the behaviour and builds it. Thread-safe.
 */
final class OpenAiChatProvider implements BatchChatProvider, AutoCloseable {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "expired", "cancelled");

    private final String model;
    private final String baseUrl;
    private final String apiKey;
    private final String azureApiVersion;
    private final boolean reasoning;
    private final boolean structuredOutput;
    private final ReasoningEffort reasoningEffort;
    private final Double temperature;
    private final Long seed;
    private final HttpTransport http;

    OpenAiChatProvider(String model, String baseUrl, String apiKey, String azureApiVersion, boolean reasoning,
                       Boolean structuredOutput, ReasoningEffort reasoningEffort, Double temperature, Long seed,
                       Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy) {
        this.model = model;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.azureApiVersion = azureApiVersion;
        this.reasoning = reasoning;
        this.structuredOutput = structuredOutput != null ? structuredOutput
                : !(model.startsWith("o1-mini") || model.startsWith("o1-preview"));
        this.reasoningEffort = reasoningEffort;
        this.temperature = reasoning ? null : temperature != null ? temperature : 0.0;
        this.seed = seed;
        this.http = new HttpTransport(name(), connectTimeout, requestTimeout, retryPolicy,
                r -> HttpErrors.map(name(), r.statusCode(), r.headers(), r.body()));
    }

    @Override
    public String name() {
        return azureApiVersion != null ? "azure-openai" : "openai";
    }

    @Override
    public String parameters() {
        return "temperature=" + temperature + ";seed=" + seed + ";reasoning=" + reasoning + ";effort=" + reasoningEffort
                + ";structured=" + structuredOutput;
    }

    @Override
    public ModelAnswer chat(Prompt prompt) {
        String url = baseUrl + "/chat/completions" + (azureApiVersion != null
                ? "?api-version=" + URLEncoder.encode(azureApiVersion, StandardCharsets.UTF_8) : "");
        HttpRequest request = authorized(http.requestTo(URI.create(url)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(requestBody(prompt)), StandardCharsets.UTF_8))
                .build();
        return parseCompletion(http.readResponse(http.send(request).body(), "chat completion"));
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (apiKey != null) {
            if (azureApiVersion != null) {
                request.header("api-key", apiKey);
            } else {
                request.header("Authorization", "Bearer " + apiKey);
            }
        }
        return request;
    }

    /** The Chat Completions request body (also the {@code body} of a Batch API line). */
    ObjectNode requestBody(Prompt prompt) {
        ObjectNode body = Json.object().put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (structuredOutput) {
            messages.addObject().put("role", "system").put("content", prompt.system());
            messages.addObject().put("role", "user").put("content", prompt.user());
            ObjectNode format = body.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema").put("name", "entities").put("strict", true).set("schema", prompt.answerSchema());
        } else {
            messages.addObject().put("role", "user").put("content", prompt.system() + "\n\nJSON schema of the answer:\n"
                    + Json.write(prompt.answerSchema()) + "\n\n" + prompt.user());
        }
        if (reasoning) {
            body.put("max_completion_tokens", prompt.maxOutputTokens());
            if (reasoningEffort != null) {
                body.put("reasoning_effort", reasoningEffort.wireName());
            }
        } else {
            body.put("max_tokens", prompt.maxOutputTokens());
            body.put("temperature", temperature);
        }
        if (seed != null) {
            body.put("seed", seed);
        }
        return body;
    }

    private ModelAnswer parseCompletion(JsonNode root) {
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new RetriableException(name()
                    + " chat completion: response has no choices[0] (fields " + fieldNames(root) + ")");
        }
        JsonNode message = choice.path("message");
        String content = message.path("content").isTextual() ? message.path("content").asText() : "";
        String finishReason = choice.path("finish_reason").asText("");
        AnswerStatus status;
        if (message.path("refusal").isTextual() || "content_filter".equals(finishReason)) {
            status = AnswerStatus.REFUSED;
            if (content.isEmpty()) {
                content = message.path("refusal").asText("");
            }
        } else if ("length".equals(finishReason)) {
            status = AnswerStatus.TRUNCATED;
        } else {
            status = AnswerStatus.COMPLETE;
        }
        return new ModelAnswer(content, status, finishReason, usage(root.path("usage")));
    }

    /** {@code usage}: prompt/completion tokens with {@code cached_tokens} and {@code reasoning_tokens} details. */
    static TokenUsage usage(JsonNode usage) {
        long input = Json.longAt(usage, "prompt_tokens");
        long output = Json.longAt(usage, "completion_tokens");
        long cached = Math.min(input, Json.longAt(usage.path("prompt_tokens_details"), "cached_tokens"));
        long reasoningTokens = Math.min(output, Json.longAt(usage.path("completion_tokens_details"), "reasoning_tokens"));
        return new TokenUsage(input, cached, output, reasoningTokens);
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ",").append(n));
        return "[" + names + "]";
    }

    // ---- Batch API --------------------------------------------------------------------------------

    @Override
    public String submitBatch(List<BatchRequest> requests) {
        requireBatchSupport();
        StringBuilder jsonl = new StringBuilder();
        for (BatchRequest request : requests) {
            ObjectNode line = Json.object().put("custom_id", request.key()).put("method", "POST")
                    .put("url", "/v1/chat/completions");
            line.set("body", requestBody(request.prompt()));
            jsonl.append(Json.write(line)).append('\n');
        }
        Multipart form = new Multipart().field("purpose", "batch")
                .file("file", "meddistill-batch.jsonl", "application/jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = http.exchange(authorized(http.requestTo(URI.create(baseUrl + "/files")))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toBytes())).build(), "batch file upload");
        String fileId = http.readResponse(upload.body(), "file upload").path("id").asText("");
        if (fileId.isEmpty()) {
            throw new NonRetriableException(name() + " file upload: response has no 'id'");
        }
        ObjectNode create = Json.object().put("input_file_id", fileId).put("endpoint", "/v1/chat/completions")
                .put("completion_window", "24h");
        create.putObject("metadata").put("source", "meddistill").put("model", model);
        HttpResponse<String> created = http.exchange(authorized(http.requestTo(URI.create(baseUrl + "/batches")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(create), StandardCharsets.UTF_8)).build(), "batch creation");
        String batchId = http.readResponse(created.body(), "batch creation").path("id").asText("");
        if (batchId.isEmpty()) {
            throw new NonRetriableException(name() + " batch creation: response has no 'id'");
        }
        return batchId;
    }

    @Override
    public BatchState batchState(String batchId) {
        requireBatchSupport();
        HttpResponse<String> response = http.exchange(authorized(http.requestTo(URI.create(baseUrl + "/batches/"
                + URLEncoder.encode(batchId, StandardCharsets.UTF_8)))).GET().build(), "batch status");
        JsonNode batch = http.readResponse(response.body(), "batch status");
        String status = batch.path("status").asText("");
        if (!FINISHED.contains(status)) {
            return new BatchState(false, status, Map.of(), Map.of());
        }
        Map<String, ModelAnswer> answers = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (String field : List.of("output_file_id", "error_file_id")) {
            String fileId = batch.path(field).asText("");
            if (!fileId.isEmpty() && !batch.path(field).isNull()) {
                readResultFile(fileId, answers, errors);
            }
        }
        return new BatchState(true, status, answers, errors);
    }

    private void readResultFile(String fileId, Map<String, ModelAnswer> answers, Map<String, String> errors) {
        HttpResponse<String> file = http.exchange(authorized(http.requestTo(URI.create(baseUrl + "/files/"
                + URLEncoder.encode(fileId, StandardCharsets.UTF_8) + "/content"))).GET().build(), "batch result download");
        String[] lines = file.body().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = Json.read(lines[i]);
            } catch (java.io.IOException e) {
                throw new NonRetriableException(name() + " batch result file " + fileId + " line " + (i + 1)
                        + ": not valid JSON", e);
            }
            String key = line.path("custom_id").asText("");
            JsonNode response = line.path("response");
            if (response.path("status_code").asInt() == 200 && response.path("body").isObject()) {
                answers.put(key, parseCompletion(response.path("body")));
            } else {
                String message = line.path("error").path("message").asText(
                        response.path("body").path("error").path("message").asText("status " + response.path("status_code").asInt()));
                errors.put(key, message);
            }
        }
    }

    private void requireBatchSupport() {
        if (azureApiVersion != null) {
            throw new NonRetriableException("batch mode is not supported for Azure OpenAI (model " + model
                    + "); label synchronously with annotateAll/label");
        }
    }

}
