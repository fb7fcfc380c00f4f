package io.github.meddistill.teachers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.LlmTeacherBuilder;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.BatchRequest;
import io.github.meddistill.teachers.spi.BatchState;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.Multipart;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A teacher on OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}) with structured
 * output: {@code response_format} {@code json_schema} with {@code strict: true}, so the answer always
 * parses as {@code {"entities":[{"text":...,"type":...}]}} with a type from the requested set.
 *
 * <p>Models: GPT models take {@code temperature} (default 0), {@code seed} and {@code max_tokens}.
 * Reasoning models (names starting {@code o1}, {@code o3}, {@code o4}, {@code gpt-5}; or set
 * {@link Builder#reasoningModel(boolean)}) take {@code max_completion_tokens} and an optional
 * {@code reasoning_effort}, and no temperature. {@code o1-mini} and {@code o1-preview} support neither
 * system messages nor structured output: for them the instructions and the schema go into the user
 * message and the answer is validated by us ({@link Builder#structuredOutput(boolean)} overrides).
 *
 * <p>Endpoints:
 * <ul>
 * <li>OpenAI: default base URL {@value #DEFAULT_BASE_URL}, {@code Authorization: Bearer} key from
 *     {@code OPENAI_API_KEY}. Batch mode (Batch API, 50% price) is supported.</li>
 * <li>Azure OpenAI: {@code baseUrl("https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT")} and
 *     {@link Builder#azureApiVersion(String)}: requests go to {@code .../chat/completions?api-version=...}
 *     with an {@code api-key} header; the model name is only used for prices and cache keys. Batch mode is
 *     not supported for Azure (its batch API uses global-batch deployments and different paths).</li>
 * <li>OpenAI-compatible servers (vLLM, Ollama {@code http://localhost:11434/v1}, llama.cpp, LM Studio):
 *     set the base URL; the key is optional; set {@code price(Price.FREE)}. The server must accept
 *     {@code response_format} {@code json_schema} (vLLM and Ollama do) or use {@code structuredOutput(false)}.
 *     Batch mode works if the server implements {@code /files} and {@code /batches}.</li>
 * </ul>
 *
 * <p>Thread-safe, see {@link LlmTeacher}.
 */
public final class OpenAiTeacher extends LlmTeacher {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";

    private static final Pattern REASONING = Pattern.compile("^(o\\d|gpt-5)([-.].*)?$");
    private static final Set<String> FINISHED = Set.of("completed", "failed", "expired", "cancelled");

    private final String baseUrl;
    private final String apiKey;
    private final String azureApiVersion;
    private final boolean reasoning;
    private final boolean structuredOutput;
    private final ReasoningEffort reasoningEffort;
    private final Double temperature;
    private final Long seed;

    private OpenAiTeacher(Builder b, boolean reasoning) {
        super(b, reasoning);
        this.baseUrl = b.baseUrl();
        this.apiKey = b.key;
        this.azureApiVersion = b.azureApiVersion;
        this.reasoning = reasoning;
        this.structuredOutput = b.structuredOutput != null ? b.structuredOutput
                : !(model.startsWith("o1-mini") || model.startsWith("o1-preview"));
        this.reasoningEffort = b.reasoningEffort;
        this.temperature = reasoning ? null : b.temperature() != null ? b.temperature() : 0.0;
        this.seed = b.seed();
    }

    /** A builder for {@code model} (e.g. {@code "gpt-4o"}, {@code "o3-mini"}, or a local model's name). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** Whether this teacher treats its model as a reasoning model. */
    public boolean isReasoningModel() {
        return reasoning;
    }

    @Override
    protected String provider() {
        return azureApiVersion != null ? "azure-openai" : "openai";
    }

    @Override
    protected String parameterFingerprint() {
        return "temperature=" + temperature + ";seed=" + seed + ";reasoning=" + reasoning + ";effort=" + reasoningEffort
                + ";structured=" + structuredOutput;
    }

    @Override
    protected HttpRequest chatRequest(Prompt prompt) {
        String url = baseUrl + "/chat/completions" + (azureApiVersion != null
                ? "?api-version=" + URLEncoder.encode(azureApiVersion, StandardCharsets.UTF_8) : "");
        return authorized(requestTo(URI.create(url)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(requestBody(prompt)), StandardCharsets.UTF_8))
                .build();
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

    @Override
    protected ModelAnswer parseChatResponse(String body) {
        return parseCompletion(readResponse(body, "chat completion"));
    }

    private ModelAnswer parseCompletion(JsonNode root) {
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new io.github.meddistill.core.RetriableException(provider()
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
    protected String submitBatchRequests(List<BatchRequest> requests) {
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
        HttpResponse<String> upload = exchange(authorized(requestTo(URI.create(baseUrl + "/files")))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toBytes())).build(), "batch file upload");
        String fileId = readResponse(upload.body(), "file upload").path("id").asText("");
        if (fileId.isEmpty()) {
            throw new NonRetriableException(provider() + " file upload: response has no 'id'");
        }
        ObjectNode create = Json.object().put("input_file_id", fileId).put("endpoint", "/v1/chat/completions")
                .put("completion_window", "24h");
        create.putObject("metadata").put("source", "meddistill").put("model", model);
        HttpResponse<String> created = exchange(authorized(requestTo(URI.create(baseUrl + "/batches")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(create), StandardCharsets.UTF_8)).build(), "batch creation");
        String batchId = readResponse(created.body(), "batch creation").path("id").asText("");
        if (batchId.isEmpty()) {
            throw new NonRetriableException(provider() + " batch creation: response has no 'id'");
        }
        return batchId;
    }

    @Override
    protected BatchState fetchBatchState(String batchId) {
        requireBatchSupport();
        HttpResponse<String> response = exchange(authorized(requestTo(URI.create(baseUrl + "/batches/"
                + URLEncoder.encode(batchId, StandardCharsets.UTF_8)))).GET().build(), "batch status");
        JsonNode batch = readResponse(response.body(), "batch status");
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
        HttpResponse<String> file = exchange(authorized(requestTo(URI.create(baseUrl + "/files/"
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
                throw new NonRetriableException(provider() + " batch result file " + fileId + " line " + (i + 1)
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
            throw new NonRetriableException("batch mode is not supported for Azure OpenAI by " + name()
                    + "; label synchronously with annotateAll/label");
        }
    }

    /** Builder of {@link OpenAiTeacher}; {@link #build()} validates every field. */
    public static final class Builder extends LlmTeacherBuilder<Builder> {

        private ReasoningEffort reasoningEffort;
        private Boolean reasoningModel;
        private Boolean structuredOutput;
        private String azureApiVersion;
        private String key;

        private Builder(String model) {
            super(model);
        }

        /** {@code reasoning_effort} for reasoning models (default: the provider's). */
        public Builder reasoningEffort(ReasoningEffort reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        /** Overrides the name-based detection of reasoning models (useful for deployments and local models). */
        public Builder reasoningModel(boolean reasoningModel) {
            this.reasoningModel = reasoningModel;
            return this;
        }

        /** Whether to send {@code response_format} {@code json_schema} (default: yes, except o1-mini/o1-preview). */
        public Builder structuredOutput(boolean structuredOutput) {
            this.structuredOutput = structuredOutput;
            return this;
        }

        /** Switches to Azure OpenAI with this {@code api-version} (e.g. {@code "2024-10-21"}); needs a base URL. */
        public Builder azureApiVersion(String apiVersion) {
            this.azureApiVersion = apiVersion;
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

        public OpenAiTeacher build() {
            validate();
            boolean reasoning = reasoningModel != null ? reasoningModel : REASONING.matcher(model()).matches();
            if (reasoning && temperatureSetting() != null && temperatureSetting() != 1.0) {
                throw new IllegalArgumentException("temperature: reasoning model '" + model() + "' does not accept a"
                        + " temperature; remove temperature(" + temperatureSetting() + ")");
            }
            if (!reasoning && reasoningEffort != null) {
                throw new IllegalArgumentException("reasoningEffort: '" + model() + "' is not a reasoning model; remove"
                        + " reasoningEffort or set reasoningModel(true)");
            }
            if (azureApiVersion != null && (azureApiVersion.isBlank() || !baseUrlSet())) {
                throw new IllegalArgumentException("azureApiVersion: Azure OpenAI needs a non-blank api-version and"
                        + " baseUrl(\"https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT\")");
            }
            key = resolveApiKey(azureApiVersion != null ? "AZURE_OPENAI_API_KEY" : DEFAULT_API_KEY_VARIABLE);
            boolean needsKey = azureApiVersion != null || baseUrl().startsWith(DEFAULT_BASE_URL);
            if (key == null && needsKey) {
                throw new IllegalArgumentException("apiKey: no API key for " + baseUrl() + "; set apiKey(...) or the"
                        + " environment variable " + apiKeyVariable(azureApiVersion != null ? "AZURE_OPENAI_API_KEY"
                        : DEFAULT_API_KEY_VARIABLE));
            }
            return new OpenAiTeacher(this, reasoning);
        }
    }
}
