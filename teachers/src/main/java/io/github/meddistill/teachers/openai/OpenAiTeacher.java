package io.github.meddistill.teachers.openai;

import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.LlmTeacherBuilder;
import io.github.meddistill.teachers.spi.ChatProvider;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds teachers on OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}) with structured
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
 * <p>{@link Builder#build()} returns an {@link LlmTeacher} over this wire format; it is thread-safe.
 */
public final class OpenAiTeacher {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";

    private static final Pattern REASONING = Pattern.compile("^(o\\d|gpt-5)([-.].*)?$");

    private OpenAiTeacher() {
    }

    /** A builder for {@code model} (e.g. {@code "gpt-4o"}, {@code "o3-mini"}, or a local model's name). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** Builder of an OpenAI teacher; {@link #build()} validates every field and returns an {@link LlmTeacher}. */
    public static final class Builder extends LlmTeacherBuilder<Builder> {

        private ReasoningEffort reasoningEffort;
        private Boolean reasoningModel;
        private Boolean structuredOutput;
        private String azureApiVersion;

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

        private boolean reasoning() {
            return reasoningModel != null ? reasoningModel : REASONING.matcher(model()).matches();
        }

        private String keyVariable() {
            return azureApiVersion != null ? "AZURE_OPENAI_API_KEY" : DEFAULT_API_KEY_VARIABLE;
        }

        @Override
        protected void validateProvider(List<String> problems) {
            boolean reasoning = reasoning();
            if (reasoning && temperatureSetting() != null && temperatureSetting() != 1.0) {
                problems.add("temperature: reasoning model '" + model() + "' does not accept a"
                        + " temperature; remove temperature(" + temperatureSetting() + ")");
            }
            if (!reasoning && reasoningEffort != null) {
                problems.add("reasoningEffort: '" + model() + "' is not a reasoning model; remove"
                        + " reasoningEffort or set reasoningModel(true)");
            }
            if (azureApiVersion != null && (azureApiVersion.isBlank() || !baseUrlSet())) {
                problems.add("azureApiVersion: Azure OpenAI needs a non-blank api-version and"
                        + " baseUrl(\"https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT\")");
            }
            String baseUrl = baseUrlOr(DEFAULT_BASE_URL);
            boolean needsKey = azureApiVersion != null || baseUrl.startsWith(DEFAULT_BASE_URL);
            if (resolveApiKey(keyVariable()) == null && needsKey) {
                problems.add("apiKey: no API key for " + baseUrl + "; set apiKey(...) or the"
                        + " environment variable " + apiKeyVariable(keyVariable()));
            }
        }

        @Override
        protected int defaultMaxOutputTokens() {
            return reasoning() ? 16_384 : 4_096;
        }

        @Override
        protected ChatProvider provider() {
            return new OpenAiChatProvider(model(), baseUrlOr(DEFAULT_BASE_URL), resolveApiKey(keyVariable()),
                    azureApiVersion, reasoning(), structuredOutput, reasoningEffort, temperatureSetting(),
                    seedSetting(), connectTimeoutOrDefault(), requestTimeoutOrDefault(), retryPolicyOrDefault());
        }
    }
}
