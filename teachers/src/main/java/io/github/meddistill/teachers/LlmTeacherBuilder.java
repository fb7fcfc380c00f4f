package io.github.meddistill.teachers;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.teachers.spi.ChatProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings every LLM teacher shares; provider builders extend it with their own and say which
 * {@link ChatProvider} to use. Setters only record values; {@link #build()} validates them all, reports every bad
 * field in one {@link IllegalArgumentException}, changes nothing (the builder can build again) and the teacher's
 * constructor applies the defaults, in one place. Not thread-safe; the built teacher is.
 *
 * @param <B> the concrete builder, for fluent chaining
 */
public abstract class LlmTeacherBuilder<B extends LlmTeacherBuilder<B>> {

    final String model;
    String name;
    String apiKey;
    String apiKeyEnvironmentVariable;
    final Map<EntityType, String> definitions = new LinkedHashMap<>();
    Double temperature;
    Long seed;
    Integer maxOutputTokens;
    String baseUrl;
    Duration connectTimeout;
    Duration requestTimeout;
    Integer maxConcurrency;
    Long requestsPerMinute;
    Long tokensPerMinute;
    RequestBudget requestBudget;
    PromptTemplate promptTemplate;
    Integer chunkTokens;
    Integer chunkOverlapTokens;
    Path cacheDirectory;
    RetryPolicy retryPolicy;
    PriceTable priceTable;
    Price price;
    LabellingProgressListener progressListener;
    Duration batchPollInterval;

    protected LlmTeacherBuilder(String model) {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        this.model = model.strip();
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** Name used as the annotations' source and in reports; default: the model name. */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /** The API key. Prefer {@link #apiKeyFromEnvironment(String)} so that keys stay out of code. */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /** Reads the API key from this environment variable at build time (default: the provider's usual one). */
    public B apiKeyFromEnvironment(String variableName) {
        this.apiKeyEnvironmentVariable = variableName;
        return self();
    }

    /**
     * Adds an entity type with its definition, as the prompt will state it. The first call replaces the
     * default set (MEDICATION, DISEASE, SYMPTOM).
     */
    public B addEntityType(EntityType type, String definition) {
        Objects.requireNonNull(type, "type");
        definitions.put(type, definition);
        return self();
    }

    /** Adds one of the predefined types with its default definition. */
    public B addEntityType(EntityType type) {
        Objects.requireNonNull(type, "type");
        return addEntityType(type, PromptTemplate.DEFAULT_DEFINITIONS.get(type));
    }

    /** Replaces the entity types and their definitions. */
    public B entityTypes(Map<EntityType, String> typesAndDefinitions) {
        definitions.clear();
        typesAndDefinitions.forEach(this::addEntityType);
        return self();
    }

    /** Sampling temperature (default 0 where the model allows one; reasoning models take none). */
    public B temperature(double temperature) {
        this.temperature = temperature;
        return self();
    }

    /** Seed for best-effort reproducible sampling, where the provider supports it. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Most tokens per answer (default 4096; reasoning models: 16384, reasoning included). */
    public B maxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
        return self();
    }

    /** The API base URL, e.g. a local OpenAI-compatible server {@code http://localhost:8000/v1}. */
    public B baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /** Connection timeout (default 10 s). */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return self();
    }

    /** Timeout of one request, from sending to the whole answer (default 180 s); a timeout is retried. */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return self();
    }

    /** Requests in flight at once, and worker threads of {@link LlmTeacher#label} (default 4). */
    public B maxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
        return self();
    }

    /** Client-side limit of requests per minute (default: none). */
    public B requestsPerMinute(long requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        return self();
    }

    /**
     * Client-side limit of tokens per minute (default: none), counting for each request the estimated
     * prompt tokens (characters / 4) plus {@code maxOutputTokens}, as providers do.
     */
    public B tokensPerMinute(long tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
        return self();
    }

    /**
     * A request budget shared with other teachers or JVMs (default: none), asked before every paid request. It
     * replaces {@link #requestsPerMinute} and {@link #tokensPerMinute}, which limit this teacher alone: setting both
     * is an error.
     */
    public B requestBudget(RequestBudget requestBudget) {
        this.requestBudget = requestBudget;
        return self();
    }

    /** Replaces the prompt (default {@link PromptTemplate#DEFAULT}). */
    public B promptTemplate(PromptTemplate promptTemplate) {
        this.promptTemplate = promptTemplate;
        return self();
    }

    /**
     * Longest chunk of note text per request, in estimated tokens (4 characters each; default 3000),
     * and the overlap between consecutive chunks (default 200).
     */
    public B chunking(int chunkTokens, int overlapTokens) {
        this.chunkTokens = chunkTokens;
        this.chunkOverlapTokens = overlapTokens;
        return self();
    }

    /**
     * Directory of the answer cache. Without one, answers are kept in memory only and a new run pays
     * again: set it for any real labelling job.
     */
    public B cacheDirectory(Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
        return self();
    }

    /** Retry settings (default {@link RetryPolicy#DEFAULT}). */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return self();
    }

    /** Price table to look the model up in (default {@link PriceTable#defaults()}). */
    public B priceTable(PriceTable priceTable) {
        this.priceTable = priceTable;
        return self();
    }

    /** This model's price, overriding the table ({@link Price#FREE} for a local model). */
    public B price(Price price) {
        this.price = price;
        return self();
    }

    /** Told after every finished note of {@link LlmTeacher#label} (default: nothing). */
    public B progressListener(LabellingProgressListener progressListener) {
        this.progressListener = progressListener;
        return self();
    }

    /** How often {@link LlmTeacher#awaitBatch} asks the provider about a batch (default 30 s). */
    public B batchPollInterval(Duration batchPollInterval) {
        this.batchPollInterval = batchPollInterval;
        return self();
    }

    /**
     * Validates every setting and builds the teacher; throws one {@link IllegalArgumentException} that lists every
     * problem, each starting with the setting's name. Changes nothing in the builder, which can build again. Declared
     * here so that code holding any provider's builder (meddistill-spark sets a job's {@link #requestBudget} on
     * executors) can finish it.
     */
    public final LlmTeacher build() {
        List<String> problems = new ArrayList<>();
        validateShared(problems);
        validateProvider(problems);
        SettingsCheck check = SettingsCheck.of("the teacher for model '" + model + "'");
        problems.forEach(check::add);
        check.throwIfAny();
        ChatProvider provider = provider();
        return new LlmTeacher(this, provider, defaultMaxOutputTokens());
    }

    /** Adds a message for every bad provider setting, each starting with the setting's name. */
    protected abstract void validateProvider(List<String> problems);

    /** The provider for these settings, called by {@link #build()} once every setting is valid. */
    protected abstract ChatProvider provider();

    /** The most tokens per answer unless {@link #maxOutputTokens} says otherwise (reasoning models need more). */
    protected int defaultMaxOutputTokens() {
        return 4_096;
    }

    private void validateShared(List<String> problems) {
        notBlankIfSet(problems, "name", name);
        notBlankIfSet(problems, "apiKeyFromEnvironment", apiKeyEnvironmentVariable);
        definitions.forEach((type, definition) -> {
            if (definition == null || definition.isBlank()) {
                problems.add("entityTypes: type " + type + " needs a definition for the prompt"
                        + " (only MEDICATION, DISEASE and SYMPTOM have a default one)");
            }
        });
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            problems.add("temperature must be in [0, 2]: " + temperature);
        }
        positive(problems, "maxOutputTokens", maxOutputTokens);
        positive(problems, "maxConcurrency", maxConcurrency);
        positive(problems, "requestsPerMinute", requestsPerMinute);
        positive(problems, "tokensPerMinute", tokensPerMinute);
        if (requestBudget != null && (requestsPerMinute != null || tokensPerMinute != null)) {
            problems.add("requestBudget: a shared request budget replaces this teacher's own limits;"
                    + " remove requestsPerMinute(" + requestsPerMinute + ") and tokensPerMinute(" + tokensPerMinute
                    + ") or the budget");
        }
        positive(problems, "connectTimeout", connectTimeout);
        positive(problems, "requestTimeout", requestTimeout);
        positive(problems, "batchPollInterval", batchPollInterval);
        if (baseUrl != null && !isHttpUrl(baseUrl)) {
            problems.add("baseUrl must be an absolute http(s) URL: '" + baseUrl + "'");
        }
        if (chunkTokens != null && (chunkTokens < 16 || chunkOverlapTokens < 0 || chunkOverlapTokens >= chunkTokens / 2)) {
            problems.add("chunking must satisfy chunkTokens >= 16 and 0 <= overlapTokens < chunkTokens / 2:"
                    + " chunkTokens=" + chunkTokens + ", overlapTokens=" + chunkOverlapTokens);
        }
        if (price == null && (priceTable != null ? priceTable : PriceTable.defaults()).find(model).isEmpty()) {
            problems.add("price: no price known for model '" + model + "'; set price(new Price(input, cachedInput,"
                    + " output)) in USD per 1M tokens, or Price.FREE for a local model");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void notBlankIfSet(List<String> problems, String field, String value) {
        if (value != null && value.isBlank()) {
            problems.add(field + " must not be blank");
        }
    }

    private static void positive(List<String> problems, String field, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            problems.add(field + " must be positive: " + value);
        }
    }

    private static void positive(List<String> problems, String field, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(field + " must be positive: " + value);
        }
    }

    /** The API key: the explicit one, else the environment variable (the given name, else {@code defaultVariable}). */
    protected String resolveApiKey(String defaultVariable) {
        if (apiKey != null) {
            return apiKey.isBlank() ? null : apiKey.strip();
        }
        String variable = apiKeyEnvironmentVariable != null ? apiKeyEnvironmentVariable : defaultVariable;
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The environment variable the key is read from, for messages. */
    protected String apiKeyVariable(String defaultVariable) {
        return apiKeyEnvironmentVariable != null ? apiKeyEnvironmentVariable : defaultVariable;
    }

    protected String model() {
        return model;
    }

    protected String baseUrlOr(String defaultUrl) {
        String url = baseUrl != null ? baseUrl.strip() : defaultUrl;
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    protected boolean baseUrlSet() {
        return baseUrl != null;
    }

    protected Double temperatureSetting() {
        return temperature;
    }

    protected Long seedSetting() {
        return seed;
    }

    protected Integer maxOutputTokensSetting() {
        return maxOutputTokens;
    }

    /** The connection timeout, 10 s unless set. */
    protected final Duration connectTimeoutOrDefault() {
        return connectTimeout != null ? connectTimeout : Duration.ofSeconds(10);
    }

    /** The timeout of one request, 180 s unless set. */
    protected final Duration requestTimeoutOrDefault() {
        return requestTimeout != null ? requestTimeout : Duration.ofSeconds(180);
    }

    /** The retry policy, {@link RetryPolicy#DEFAULT} unless set. */
    protected final RetryPolicy retryPolicyOrDefault() {
        return retryPolicy != null ? retryPolicy : RetryPolicy.DEFAULT;
    }

    /** Whether any of the settings that only an HTTP provider reads is set, for builders of other providers. */
    List<String> httpSettingsSet() {
        List<String> set = new ArrayList<>();
        if (apiKey != null) {
            set.add("apiKey");
        }
        if (apiKeyEnvironmentVariable != null) {
            set.add("apiKeyFromEnvironment");
        }
        if (baseUrl != null) {
            set.add("baseUrl");
        }
        if (temperature != null) {
            set.add("temperature");
        }
        if (seed != null) {
            set.add("seed");
        }
        if (connectTimeout != null) {
            set.add("connectTimeout");
        }
        if (requestTimeout != null) {
            set.add("requestTimeout");
        }
        return set;
    }
}
