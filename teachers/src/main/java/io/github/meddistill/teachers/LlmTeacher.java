package io.github.meddistill.teachers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.UsageReporter;
import io.github.meddistill.teachers.internal.AnswerCache;
import io.github.meddistill.teachers.internal.AnswerParser;
import io.github.meddistill.teachers.internal.CacheKeys;
import io.github.meddistill.teachers.internal.CachedAnswer;
import io.github.meddistill.teachers.internal.Chunk;
import io.github.meddistill.teachers.internal.Chunker;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.MentionAligner;
import io.github.meddistill.teachers.internal.RateLimiter;
import io.github.meddistill.teachers.internal.Retrier;
import io.github.meddistill.teachers.internal.UsageMeter;
import io.github.meddistill.teachers.internal.Workers;
import io.github.meddistill.teachers.spi.BatchChatProvider;
import io.github.meddistill.teachers.spi.BatchRequest;
import io.github.meddistill.teachers.spi.BatchState;
import io.github.meddistill.teachers.spi.ChatProvider;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Teacher} backed by a chat model. Everything that is not the provider's wire format lives here, once:
 * prompting, chunking of long notes and merging, alignment of mentions to spans, the on-disk answer cache, retries,
 * rate limits, concurrency, token usage and cost, batch jobs and progress. A {@link ChatProvider} does only the
 * request and answer: {@code OpenAiTeacher.builder(model)} and {@code GeminiTeacher.builder(model)} build teachers
 * on ours, {@link #builder(String, ChatProvider)} on any other (a langchain4j {@code ChatModel}, a company gateway).
 *
 * <p>Every paid answer is appended to the cache before it is used, keyed by provider, model, prompt
 * version and text, request parameters and chunk text; a re-run over the same notes sends no request.
 *
 * <p>Thread-safe: {@link #annotate}, {@link #label} and the readers of totals may be called from any
 * number of threads; at most {@code maxConcurrency} requests are in flight. Close the teacher to stop
 * a run: notes not yet started fail with a {@link NonRetriableException}, requests in flight finish
 * and are stored.
 */
public final class LlmTeacher implements Teacher, UsageReporter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmTeacher.class);
    private static final int CHARS_PER_TOKEN = 4;

    private final ChatProvider provider;
    private final String model;
    private final String name;
    private final Map<EntityType, String> definitions;
    /** Whether the types were set on the builder, not left at the defaults (then {@link #forEntityTypes} keeps them). */
    private final boolean typesGiven;
    private final PromptTemplate template;
    private final String systemPrompt;
    private final ObjectNode answerSchema;
    private final int maxOutputTokens;
    private final Chunker chunker;
    private final String chunking;
    private final MentionAligner aligner;
    private final AnswerCache cache;
    private final CacheKeys cacheKeys;
    private final Retrier retrier;
    private final RateLimiter requestLimiter;
    private final RateLimiter tokenLimiter;
    private final RequestBudget requestBudget;
    private final Semaphore permits;
    private final int maxConcurrency;
    private final Price price;
    private final LabellingProgressListener progressListener;
    private final Duration batchPollInterval;
    private final UsageMeter meter;
    private final Map<String, CompletableFuture<CachedAnswer>> inFlight;
    private volatile boolean closed;
    private volatile QuotaExhaustedException quotaStop;

    /** Applies the defaults of every shared setting, in this one place; {@code b} is valid. */
    LlmTeacher(LlmTeacherBuilder<?> b, ChatProvider provider, int defaultMaxOutputTokens) {
        this.provider = provider;
        this.model = b.model;
        this.name = b.name != null ? b.name.strip() : b.model;
        this.typesGiven = !b.definitions.isEmpty();
        this.definitions = typesGiven ? Map.copyOf(b.definitions) : defaultDefinitions();
        this.template = b.promptTemplate != null ? b.promptTemplate : PromptTemplate.DEFAULT;
        this.systemPrompt = template.renderSystem(definitions);
        this.answerSchema = answerSchema(definitions.keySet());
        this.maxOutputTokens = b.maxOutputTokens != null ? b.maxOutputTokens : defaultMaxOutputTokens;
        int chunkTokens = b.chunkTokens != null ? b.chunkTokens : 3_000;
        int overlapTokens = b.chunkOverlapTokens != null ? b.chunkOverlapTokens : 200;
        this.chunker = new Chunker(chunkTokens * CHARS_PER_TOKEN, overlapTokens * CHARS_PER_TOKEN);
        this.chunking = "chunkTokens=" + chunkTokens + ", overlapTokens=" + overlapTokens;
        this.aligner = new MentionAligner(definitions.keySet());
        this.retrier = new Retrier(b.retryPolicyOrDefault(), () -> closed);
        this.requestLimiter = b.requestsPerMinute != null ? new RateLimiter(b.requestsPerMinute) : null;
        this.tokenLimiter = b.tokensPerMinute != null ? new RateLimiter(b.tokensPerMinute) : null;
        this.requestBudget = b.requestBudget;
        this.maxConcurrency = b.maxConcurrency != null ? b.maxConcurrency : 4;
        this.permits = new Semaphore(maxConcurrency, true);
        this.price = b.price != null ? b.price
                : (b.priceTable != null ? b.priceTable : PriceTable.defaults()).find(b.model).orElseThrow();
        this.progressListener = b.progressListener != null ? b.progressListener : LabellingProgressListener.NONE;
        this.batchPollInterval = b.batchPollInterval != null ? b.batchPollInterval : Duration.ofSeconds(30);
        this.cacheKeys = cacheKeys(provider, model, template, systemPrompt, maxOutputTokens);
        this.cache = b.cacheDirectory != null ? AnswerCache.open(b.cacheDirectory) : AnswerCache.inMemory();
        if (b.cacheDirectory == null) {
            LOG.warn("{}: no cache directory set: answers are kept in memory only and a new run pays again", name);
        }
        this.meter = new UsageMeter();
        this.inFlight = new ConcurrentHashMap<>();
    }

    /**
     * {@code base} asking for other types: the prompt, schema and cache keys follow {@code types}; the cache, limits,
     * worker permits and usage totals are {@code base}'s, so usage and cost add up on the teacher the caller holds.
     */
    private LlmTeacher(LlmTeacher base, Map<EntityType, String> types) {
        this.provider = base.provider;
        this.model = base.model;
        this.name = base.name;
        this.typesGiven = true;
        this.definitions = Map.copyOf(types);
        this.template = base.template;
        this.systemPrompt = template.renderSystem(definitions);
        this.answerSchema = answerSchema(definitions.keySet());
        this.maxOutputTokens = base.maxOutputTokens;
        this.chunker = base.chunker;
        this.chunking = base.chunking;
        this.aligner = new MentionAligner(definitions.keySet());
        this.retrier = base.retrier;
        this.requestLimiter = base.requestLimiter;
        this.tokenLimiter = base.tokenLimiter;
        this.requestBudget = base.requestBudget;
        this.maxConcurrency = base.maxConcurrency;
        this.permits = base.permits;
        this.price = base.price;
        this.progressListener = base.progressListener;
        this.batchPollInterval = base.batchPollInterval;
        this.cacheKeys = cacheKeys(provider, model, template, systemPrompt, maxOutputTokens);
        this.cache = base.cache;
        this.meter = base.meter;
        this.inFlight = base.inFlight;
    }

    private static CacheKeys cacheKeys(ChatProvider provider, String model, PromptTemplate template, String systemPrompt,
            int maxOutputTokens) {
        return new CacheKeys(List.of(provider.name(), model, template.version(), systemPrompt, template.user(),
                provider.parameters(), Integer.toString(maxOutputTokens)));
    }

    /**
     * A builder of a teacher on any chat model: {@code model} names it for prices and cache keys, {@code provider}
     * answers the prompts. Connection settings (base URL, key, timeouts, temperature, seed) belong to the provider's
     * own client; setting them here is an error.
     */
    public static Builder builder(String model, ChatProvider provider) {
        return new Builder(model, provider);
    }

    /** Builder of a teacher on a {@link ChatProvider} of your own; see {@link LlmTeacher#builder(String, ChatProvider)}. */
    public static final class Builder extends LlmTeacherBuilder<Builder> {

        private final ChatProvider chatProvider;

        private Builder(String model, ChatProvider provider) {
            super(model);
            this.chatProvider = java.util.Objects.requireNonNull(provider, "provider");
        }

        @Override
        protected void validateProvider(List<String> problems) {
            for (String setting : httpSettingsSet()) {
                problems.add(setting + ": set on the chat model's own client; a teacher on a ChatProvider does not"
                        + " send HTTP requests itself");
            }
        }

        @Override
        protected ChatProvider provider() {
            return chatProvider;
        }
    }

    private static Map<EntityType, String> defaultDefinitions() {
        Map<EntityType, String> defaults = new LinkedHashMap<>();
        for (EntityType type : List.of(EntityType.MEDICATION, EntityType.DISEASE, EntityType.SYMPTOM)) {
            defaults.put(type, PromptTemplate.DEFAULT_DEFINITIONS.get(type));
        }
        return Map.copyOf(defaults);
    }

    // ---- public API -----------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    /** The model as sent to the provider. */
    public String model() {
        return model;
    }

    /**
     * This teacher asking for {@code types} when its builder was given none (it then asks for MEDICATION, DISEASE and
     * SYMPTOM); otherwise this teacher. The copy shares this teacher's cache, limits and usage totals, and closing
     * this teacher stops it too.
     *
     * @throws IllegalArgumentException if a type has no predefined definition for the prompt (give it one with
     *     {@code addEntityType(type, definition)})
     */
    @Override
    public Teacher forEntityTypes(Set<EntityType> types) {
        if (typesGiven || types.equals(definitions.keySet())) {
            return this;
        }
        Map<EntityType, String> asked = new LinkedHashMap<>();
        List<EntityType> undefined = new ArrayList<>();
        for (EntityType type : new TreeSet<>(types)) {
            String definition = PromptTemplate.DEFAULT_DEFINITIONS.get(type);
            if (definition == null) {
                undefined.add(type);
            } else {
                asked.put(type, definition);
            }
        }
        if (!undefined.isEmpty()) {
            throw new IllegalArgumentException(name + ": no predefined prompt definition for " + undefined
                    + ": give each one with addEntityType(type, definition)");
        }
        return new LlmTeacher(this, asked);
    }

    /** The requested entity types and their definitions. */
    public Map<EntityType, String> entityTypes() {
        return definitions;
    }

    /** The price this teacher charges its usage at. */
    public Price price() {
        return price;
    }

    /**
     * Labels one note. Fails with the note's error ({@link InvalidAnswerException} for an unusable answer,
     * {@link AuthenticationException}, ...); use {@link #label(List)} to get reports without exceptions.
     */
    @Override
    public Annotation annotate(Document document) {
        NoteResult result = labelOne(plan(document), Set.of());
        meter.finished(result);
        return result.annotation().orElseThrow(() -> result.failure().orElseThrow());
    }

    /**
     * Labels every note in parallel; throws {@link TeacherRunException} (holding every result) if any
     * note failed, after all others are done.
     */
    @Override
    public List<Annotation> annotateAll(List<Document> documents) {
        LabellingRun run = label(documents);
        List<NoteResult> failures = run.failures();
        if (!failures.isEmpty()) {
            NoteResult first = failures.get(0);
            MedDistillException cause = first.failure().orElseThrow();
            throw new TeacherRunException(failures.size() + " of " + documents.size() + " notes could not be labelled by "
                    + name + "; first: document " + first.documentId() + ": " + cause.getMessage(), run, cause);
        }
        return run.annotations();
    }

    /**
     * Labels every note, with up to {@code maxConcurrency} in parallel; notes answered entirely from the
     * cache are done on the calling thread first. Never throws for a failed note: each
     * {@link NoteResult} says what happened.
     */
    public LabellingRun label(List<Document> documents) {
        return label(documents, Set.of());
    }

    private LabellingRun label(List<Document> documents, Set<String> batchKeys) {
        RunTracker tracker = new RunTracker(documents.size());
        NoteResult[] results = new NoteResult[documents.size()];
        List<Runnable> pending = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            NotePlan plan = plan(documents.get(i));
            int index = i;
            if (!batchKeys.isEmpty() || !plan.fullyCached()) {
                pending.add(() -> results[index] = tracker.finished(
                        closed ? closedResult(plan.document()) : labelOne(plan, batchKeys)));
            } else {
                results[i] = tracker.finished(labelOne(plan, batchKeys));
            }
        }
        Workers.runAll(name, maxConcurrency, pending, "labelling " + documents.size() + " notes with " + name);
        return new LabellingRun(List.of(results), tracker.totals());
    }

    /**
     * Submits every chunk of {@code documents} that is not cached yet as one provider batch (billed at
     * {@link PriceTable#BATCH_DISCOUNT} of the list price). Store the returned id: it is all that
     * {@link #awaitBatch(String, List)} needs, also after a restart.
     */
    public BatchJob submitBatch(List<Document> documents) {
        Map<String, BatchRequest> requests = new LinkedHashMap<>();
        int cached = 0;
        for (Document document : documents) {
            for (Chunk chunk : chunker.split(document.text())) {
                String key = cacheKeys.key(chunk.text());
                if (cache.get(key).isPresent()) {
                    cached++;
                } else {
                    requests.putIfAbsent(key, new BatchRequest(key, prompt(chunk.text())));
                }
            }
        }
        if (requests.isEmpty()) {
            return new BatchJob("", 0, cached);
        }
        String id = batchProvider().submitBatch(List.copyOf(requests.values()));
        LOG.info("{}: submitted batch {} with {} requests ({} chunks already cached)", name, id, requests.size(), cached);
        return new BatchJob(id, requests.size(), cached);
    }

    /**
     * Waits until the batch has finished (polling every {@code batchPollInterval}), stores its answers in
     * the cache, and labels {@code documents}. Chunks the batch did not answer (failed lines, an expired
     * batch) are requested one by one at the list price, so that every note ends labelled or with its
     * own error. Resumable: pass the id of a batch submitted by an earlier process.
     */
    public LabellingRun awaitBatch(String batchId, List<Document> documents) {
        if (batchId.isEmpty()) {
            return label(documents);
        }
        BatchState state = batchProvider().batchState(batchId);
        while (!state.finished()) {
            LOG.info("{}: batch {} is {}; next check in {} s", name, batchId, state.providerStatus(),
                    batchPollInterval.toSeconds());
            sleepBetweenPolls();
            state = batchProvider().batchState(batchId);
        }
        Set<String> imported = new HashSet<>();
        for (Map.Entry<String, ModelAnswer> e : state.answers().entrySet()) {
            if (cache.get(e.getKey()).filter(c -> c.answer().status() == e.getValue().status()).isEmpty()) {
                cache.put(new CachedAnswer(e.getKey(), provider.name(), model, e.getValue(), 0, true));
                meter.spent(e.getValue().usage(), price.times(PriceTable.BATCH_DISCOUNT));
                imported.add(e.getKey());
            }
        }
        if (!state.errors().isEmpty()) {
            LOG.warn("{}: batch {} ended {} with {} failed request(s); they are requested one by one", name, batchId,
                    state.providerStatus(), state.errors().size());
        }
        LOG.info("{}: batch {} ended {}: {} answers stored", name, batchId, state.providerStatus(), imported.size());
        return label(documents, Set.copyOf(imported));
    }

    private void sleepBetweenPolls() {
        try {
            Thread.sleep(batchPollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonRetriableException(name + ": interrupted while waiting for a batch", e);
        }
        if (closed) {
            throw new NonRetriableException(name + ": closed while waiting for a batch (resume with its id)");
        }
    }

    /** Totals of every note finished by this teacher since it was built. */
    public UsageTotals totals() {
        return meter.totals();
    }

    /** Tokens billed so far (answers served from the cache excluded), updated as each answer arrives. */
    @Override
    public TokenUsage tokenUsage() {
        return meter.tokens();
    }

    /** US dollars spent so far at {@link #price()} (batch answers at the batch discount), updated as each answer arrives. */
    @Override
    public double costUsd() {
        return meter.costUsd();
    }

    /**
     * Reads the answers that other teachers sharing this teacher's cache directory (other processes, such as the
     * other executors of a Spark job) have stored since it opened or last refreshed, so that they are not paid for
     * again; returns how many it read. Does nothing for a cache in memory. A retried Spark task calls it before
     * labelling.
     */
    public int refreshCache() {
        return cache.refresh();
    }

    /** Answers in the cache (all teachers sharing its directory, as of opening, plus this one's). */
    public int cachedAnswerCount() {
        return cache.size();
    }

    /**
     * Stops the teacher: notes not started fail, retries stop waiting, requests in flight finish and are
     * stored, then the cache journal is closed. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        retrier.wakeUp();
        try {
            permits.acquire(maxConcurrency);
            permits.release(maxConcurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: closing provider {} failed: {}", name, provider.name(), e.toString());
            }
        }
        cache.close();
    }

    /**
     * Provider, model, prompt (version, system and user text), answer schema, sampling parameters, output limit and
     * chunking: what changes the labels. The cache keys on the same request parts, so labelling again after a
     * change pays only for requests that differ.
     */
    @Override
    public String configuration() {
        return String.join("\n", "provider=" + provider.name(), "model=" + model, "promptVersion=" + template.version(),
                "system=" + systemPrompt, "user=" + template.user(), "schema=" + answerSchema,
                "parameters=" + provider.parameters(), "maxOutputTokens=" + maxOutputTokens, chunking);
    }

    @Override
    public String toString() {
        return "LlmTeacher[provider=" + provider.name() + ", name=" + name + ", model=" + model + ", types=" + definitions.keySet() + "]";
    }

    // ---- the labelling of one note ----------------------------------------------------------------

    /** A note's chunks and their cache keys, computed once. */
    private record NotePlan(Document document, List<Chunk> chunks, List<String> keys, boolean fullyCached) {
    }

    private NotePlan plan(Document document) {
        List<Chunk> chunks = chunker.split(document.text());
        List<String> keys = new ArrayList<>(chunks.size());
        boolean cached = true;
        for (Chunk chunk : chunks) {
            String key = cacheKeys.key(chunk.text());
            keys.add(key);
            cached &= cache.get(key).isPresent();
        }
        return new NotePlan(document, chunks, keys, cached);
    }

    private NoteResult closedResult(Document document) {
        return NoteResult.failed(document.id(), new NonRetriableException(name + " was closed before document "
                + document.id() + " was labelled"), new NoteReport(document.id(), 0, 0, 0, TokenUsage.ZERO, 0,
                Duration.ZERO, List.of()));
    }

    private NoteResult labelOne(NotePlan plan, Set<String> batchKeys) {
        long started = System.nanoTime();
        Document document = plan.document();
        List<Chunk> chunks = plan.chunks();
        List<Entity> entities = new ArrayList<>();
        List<UnalignedMention> unaligned = new ArrayList<>();
        int paid = 0;
        int cached = 0;
        TokenUsage usage = TokenUsage.ZERO;
        double cost = 0;
        try {
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                String key = plan.keys().get(c);
                Fetched fetched = answerFor(key, chunk.text(), document.id());
                if (fetched.paid() || batchKeys.contains(key)) {
                    paid++;
                    usage = usage.plus(fetched.answer().answer().usage());
                    cost += priceOf(fetched.answer()).cost(fetched.answer().answer().usage());
                } else {
                    cached++;
                }
                String where = name + " document " + document.id() + " chunk " + (c + 1) + "/" + chunks.size();
                MentionAligner.Alignment alignment = aligner.align(
                        AnswerParser.mentions(fetched.answer().answer(), where), chunk.text(), chunk.start());
                entities.addAll(alignment.entities());
                unaligned.addAll(alignment.unaligned());
            }
            NoteReport report = new NoteReport(document.id(), chunks.size(), paid, cached, usage, cost,
                    Duration.ofNanos(System.nanoTime() - started), unaligned);
            return NoteResult.labelled(new Annotation(document, entities, name), report);
        } catch (MedDistillException e) {
            if (e instanceof InvalidAnswerException) {
                LOG.warn("{}: unusable answer for document {}: {}", name, document.id(), e.getMessage());
            }
            NoteReport report = new NoteReport(document.id(), chunks.size(), paid, cached, usage, cost,
                    Duration.ofNanos(System.nanoTime() - started), unaligned);
            return NoteResult.failed(document.id(), e, report);
        }
    }

    private Price priceOf(CachedAnswer answer) {
        return answer.batch() ? price.times(PriceTable.BATCH_DISCOUNT) : price;
    }

    private record Fetched(CachedAnswer answer, boolean paid) {
    }

    private Fetched answerFor(String key, String chunkText, String documentId) {
        var hit = cache.get(key);
        if (hit.isPresent()) {
            return new Fetched(hit.get(), false);
        }
        if (closed) {
            throw new NonRetriableException(name + " was closed before document " + documentId + " was labelled");
        }
        QuotaExhaustedException stop = quotaStop;
        if (stop != null) {
            throw new QuotaExhaustedException(stop.getMessage() + " (not sent: document " + documentId + ")");
        }
        CompletableFuture<CachedAnswer> mine = new CompletableFuture<>();
        CompletableFuture<CachedAnswer> other = inFlight.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return new Fetched(other.join(), false);
            } catch (CompletionException e) {
                throw e.getCause() instanceof MedDistillException m ? m : new MedDistillException(e.getMessage(), e);
            }
        }
        try {
            CachedAnswer answer = request(key, prompt(chunkText), documentId);
            mine.complete(answer);
            return new Fetched(answer, true);
        } catch (RuntimeException e) {
            if (e instanceof QuotaExhaustedException q) {
                quotaStop = q;
            }
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private CachedAnswer request(String key, Prompt prompt, String documentId) {
        long tokens = (prompt.system().length() + prompt.user().length()) / CHARS_PER_TOKEN + prompt.maxOutputTokens();
        return retrier.call(name + " request for document " + documentId, () -> {
            if (closed) {
                throw new NonRetriableException(name + " was closed before document " + documentId + " was labelled");
            }
            try {
                if (requestLimiter != null) {
                    requestLimiter.acquire(1);
                }
                if (tokenLimiter != null) {
                    tokenLimiter.acquire(tokens);
                }
                if (requestBudget != null) {
                    requestBudget.acquire(tokens);
                }
                permits.acquire();
                if (closed) {
                    permits.release();
                    throw new NonRetriableException(name + " was closed before document " + documentId + " was labelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NonRetriableException(name + ": interrupted while waiting for a rate limit", e);
            }
            try {
                long started = System.nanoTime();
                ModelAnswer answer = ask(prompt);
                long millis = (System.nanoTime() - started) / 1_000_000;
                CachedAnswer cached = new CachedAnswer(key, provider.name(), model, answer, millis, false);
                // stored while holding the permit, so that close() never closes the journal under a paid answer
                cache.put(cached);
                meter.spent(answer.usage(), price);
                return cached;
            } finally {
                permits.release();
            }
        });
    }

    /** The provider's answer; a provider's failure that is not one of ours is a non-retriable one. */
    private ModelAnswer ask(Prompt prompt) {
        ModelAnswer answer;
        try {
            answer = provider.chat(prompt);
        } catch (MedDistillException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NonRetriableException(name + ": provider " + provider.name() + " failed: " + e, e);
        }
        if (answer == null) {
            throw new NonRetriableException(name + ": provider " + provider.name() + " returned no answer");
        }
        return answer;
    }

    private BatchChatProvider batchProvider() {
        if (provider instanceof BatchChatProvider batch) {
            return batch;
        }
        throw new NonRetriableException(name + ": provider " + provider.name() + " has no batch mode; label"
                + " synchronously with annotateAll/label");
    }

    private Prompt prompt(String chunkText) {
        return new Prompt(systemPrompt, template.renderUser(chunkText), answerSchema, maxOutputTokens);
    }

    private static ObjectNode answerSchema(Set<EntityType> types) {
        ObjectNode entity = Json.object().put("type", "object");
        ObjectNode properties = entity.putObject("properties");
        properties.putObject("text").put("type", "string");
        ArrayNode names = properties.putObject("type").put("type", "string").putArray("enum");
        types.stream().sorted().forEach(t -> names.add(t.name()));
        entity.putArray("required").add("text").add("type");
        entity.put("additionalProperties", false);
        ObjectNode root = Json.object().put("type", "object");
        root.putObject("properties").putObject("entities").put("type", "array").set("items", entity);
        root.putArray("required").add("entities");
        root.put("additionalProperties", false);
        return root;
    }

    /** Totals and progress of one {@link #label} call. */
    private final class RunTracker {
        private final long total;
        private long done;
        private UsageTotals runTotals = UsageTotals.ZERO;

        RunTracker(long total) {
            this.total = total;
        }

        NoteResult finished(NoteResult result) {
            meter.finished(result);
            synchronized (this) {
                done++;
                runTotals = runTotals.plus(result);
                try {
                    progressListener.onProgress(new Progress(done, total, runTotals));
                } catch (RuntimeException e) {
                    LOG.warn("{}: progress listener failed: {}", name, e.toString());
                }
            }
            return result;
        }

        synchronized UsageTotals totals() {
            return runTotals;
        }
    }
}
