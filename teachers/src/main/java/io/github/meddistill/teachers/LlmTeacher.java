package io.github.meddistill.teachers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.UsageReporter;
import io.github.meddistill.teachers.internal.AnswerCache;
import io.github.meddistill.teachers.internal.AnswerParser;
import io.github.meddistill.teachers.internal.CachedAnswer;
import io.github.meddistill.teachers.internal.Chunk;
import io.github.meddistill.teachers.internal.Chunker;
import io.github.meddistill.teachers.internal.HttpErrors;
import io.github.meddistill.teachers.internal.Json;
import io.github.meddistill.teachers.internal.MentionAligner;
import io.github.meddistill.teachers.internal.RateLimiter;
import io.github.meddistill.teachers.internal.Retrier;
import io.github.meddistill.teachers.spi.BatchRequest;
import io.github.meddistill.teachers.spi.BatchState;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Teacher} backed by an LLM API. Everything that is not the provider's wire format lives here,
 * once: prompting, chunking of long notes and merging, alignment of mentions to spans, the on-disk
 * answer cache, retries, rate limits, concurrency, token usage and cost, batch jobs and progress.
 * Providers ({@code OpenAiTeacher}, {@code GeminiTeacher}, or your own) implement only the mapping
 * between a {@link Prompt} / {@link ModelAnswer} and their HTTP requests and responses.
 *
 * <p>Every paid answer is appended to the cache before it is used, keyed by provider, model, prompt
 * version and text, request parameters and chunk text; a re-run over the same notes sends no request.
 *
 * <p>Thread-safe: {@link #annotate}, {@link #label} and the readers of totals may be called from any
 * number of threads; at most {@code maxConcurrency} requests are in flight. Close the teacher to stop
 * a run: notes not yet started fail with a {@link NonRetriableException}, requests in flight finish
 * and are stored.
 */
public abstract class LlmTeacher implements Teacher, UsageReporter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LlmTeacher.class);
    private static final int CHARS_PER_TOKEN = 4;

    /** The model name as sent to the provider. */
    protected final String model;
    private final String name;
    private final Map<EntityType, String> definitions;
    private final PromptTemplate template;
    private final String systemPrompt;
    private final ObjectNode answerSchema;
    private final int maxOutputTokens;
    private final Chunker chunker;
    private final String chunking;
    private final MentionAligner aligner;
    private final AnswerCache cache;
    private final Retrier retrier;
    private final RateLimiter requestLimiter;
    private final RateLimiter tokenLimiter;
    private final RequestBudget requestBudget;
    private final Semaphore permits;
    private final int maxConcurrency;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Price price;
    private final ProgressListener progressListener;
    private final Duration batchPollInterval;
    private final Map<String, CompletableFuture<CachedAnswer>> inFlight = new ConcurrentHashMap<>();
    private final Object totalsLock = new Object();
    private UsageTotals totals = UsageTotals.ZERO;
    private TokenUsage spentTokens = TokenUsage.ZERO;
    private double spentUsd;
    private volatile boolean closed;
    /** Whether any request of this teacher got an HTTP response: from then on a refused connection is retried. */
    private volatile boolean serverAnswered;
    private volatile QuotaExhaustedException quotaStop;
    private volatile MessageDigest keyPrefix;

    /** Applies the defaults of every shared setting, in this one place. */
    protected LlmTeacher(LlmTeacherBuilder<?> b, boolean reasoningModel) {
        this.model = b.model;
        this.name = b.name != null ? b.name.strip() : b.model;
        this.definitions = b.definitions.isEmpty()
                ? defaultDefinitions() : Map.copyOf(b.definitions);
        this.template = b.promptTemplate != null ? b.promptTemplate : PromptTemplate.DEFAULT;
        this.systemPrompt = template.renderSystem(definitions);
        this.answerSchema = answerSchema(definitions.keySet());
        this.maxOutputTokens = b.maxOutputTokens != null ? b.maxOutputTokens : reasoningModel ? 16_384 : 4_096;
        int chunkTokens = b.chunkTokens != null ? b.chunkTokens : 3_000;
        int overlapTokens = b.chunkOverlapTokens != null ? b.chunkOverlapTokens : 200;
        this.chunker = new Chunker(chunkTokens * CHARS_PER_TOKEN, overlapTokens * CHARS_PER_TOKEN);
        this.chunking = "chunkTokens=" + chunkTokens + ", overlapTokens=" + overlapTokens;
        this.aligner = new MentionAligner(definitions.keySet());
        this.retrier = new Retrier(b.retryPolicy != null ? b.retryPolicy : RetryPolicy.DEFAULT, () -> closed);
        this.requestLimiter = b.requestsPerMinute != null ? new RateLimiter(b.requestsPerMinute) : null;
        this.tokenLimiter = b.tokensPerMinute != null ? new RateLimiter(b.tokensPerMinute) : null;
        this.requestBudget = b.requestBudget;
        this.maxConcurrency = b.maxConcurrency != null ? b.maxConcurrency : 4;
        this.permits = new Semaphore(maxConcurrency, true);
        this.requestTimeout = b.requestTimeout != null ? b.requestTimeout : Duration.ofSeconds(180);
        this.price = b.price != null ? b.price : (b.priceTable != null ? b.priceTable : PriceTable.defaults()).find(b.model)
                .orElseThrow(() -> new IllegalArgumentException("price: no price known for model '" + b.model
                        + "'; set price(new Price(input, cachedInput, output)) in USD per 1M tokens, or Price.FREE for a local model"));
        this.progressListener = b.progressListener != null ? b.progressListener : ProgressListener.NONE;
        this.batchPollInterval = b.batchPollInterval != null ? b.batchPollInterval : Duration.ofSeconds(30);
        this.cache = b.cacheDirectory != null ? AnswerCache.open(b.cacheDirectory) : AnswerCache.inMemory();
        this.http = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout != null ? b.connectTimeout : Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        if (b.cacheDirectory == null) {
            LOG.warn("{}: no cache directory set: answers are kept in memory only and a new run pays again", name);
        }
    }

    private static Map<EntityType, String> defaultDefinitions() {
        Map<EntityType, String> defaults = new LinkedHashMap<>();
        for (EntityType type : List.of(EntityType.MEDICATION, EntityType.DISEASE, EntityType.SYMPTOM)) {
            defaults.put(type, PromptTemplate.DEFAULT_DEFINITIONS.get(type));
        }
        return Map.copyOf(defaults);
    }

    // ---- what a provider implements -------------------------------------------------------------

    /** Short provider name used in cache keys and messages, e.g. {@code "openai"}. */
    protected abstract String provider();

    /**
     * Every request parameter that changes the answer (temperature, seed, reasoning effort, structured
     * output on/off, ...), as a stable string: it is part of the cache key.
     */
    protected abstract String parameterFingerprint();

    /** The HTTP request for one prompt, authentication headers included. */
    protected abstract HttpRequest chatRequest(Prompt prompt);

    /**
     * The answer in a successful (2xx) response body. Throws {@link RetriableException} if the body is not
     * a response of the expected shape (e.g. cut short by a proxy).
     */
    protected abstract ModelAnswer parseChatResponse(String body);

    /** Creates a provider batch with these requests and returns its id. */
    protected abstract String submitBatchRequests(List<BatchRequest> requests);

    /** The provider's current state of a batch, with the answers once it has finished. */
    protected abstract BatchState fetchBatchState(String batchId);

    /** The exception for a non-2xx response; the default maps statuses as {@link HttpErrors} says. */
    protected MedDistillException mapHttpError(HttpResponse<String> response) {
        return HttpErrors.map(provider(), response.statusCode(), response.headers(), response.body());
    }

    // ---- helpers for providers ------------------------------------------------------------------

    /**
     * Sends {@code request} with retries and returns the 2xx response. For provider calls other than
     * the labelling requests themselves (files, batches), which are not rate limited.
     */
    protected final HttpResponse<String> exchange(HttpRequest request, String what) {
        return retrier.call(provider() + " " + what, () -> sendOnce(request));
    }

    /** A request builder for {@code uri} with this teacher's request timeout. */
    protected final HttpRequest.Builder requestTo(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /** The parsed JSON of a response body; a body that is not JSON is a retriable failure. */
    protected final JsonNode readResponse(String body, String what) {
        try {
            JsonNode node = Json.read(body);
            if (node == null || !node.isObject()) {
                throw new RetriableException(provider() + " " + what + ": response body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RetriableException(provider() + " " + what + ": response body is not valid JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The most tokens one answer may have. */
    protected final int maxOutputTokens() {
        return maxOutputTokens;
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
        record(result);
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
        List<Integer> pending = new ArrayList<>();
        NotePlan[] plans = new NotePlan[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            plans[i] = plan(documents.get(i));
            if (!batchKeys.isEmpty() || !plans[i].fullyCached()) {
                pending.add(i);
            } else {
                results[i] = tracker.finished(labelOne(plans[i], batchKeys));
            }
        }
        if (!pending.isEmpty()) {
            AtomicInteger threadNumber = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConcurrency, pending.size()), r -> {
                Thread t = new Thread(r, name + "-worker-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i : pending) {
                    NotePlan plan = plans[i];
                    futures.add(pool.submit(() -> {
                        results[i] = tracker.finished(closed ? closedResult(plan.document()) : labelOne(plan, batchKeys));
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new NonRetriableException("interrupted while labelling " + documents.size() + " notes with " + name, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("labelling worker failed unexpectedly", e.getCause());
            } finally {
                pool.shutdown();
            }
        }
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
                String key = key(chunk.text());
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
        String id = submitBatchRequests(List.copyOf(requests.values()));
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
        BatchState state = fetchBatchState(batchId);
        while (!state.finished()) {
            LOG.info("{}: batch {} is {}; next check in {} s", name, batchId, state.providerStatus(),
                    batchPollInterval.toSeconds());
            sleepBetweenPolls();
            state = fetchBatchState(batchId);
        }
        Set<String> imported = new HashSet<>();
        for (Map.Entry<String, ModelAnswer> e : state.answers().entrySet()) {
            if (cache.get(e.getKey()).filter(c -> c.answer().status() == e.getValue().status()).isEmpty()) {
                cache.put(new CachedAnswer(e.getKey(), provider(), model, e.getValue(), 0, true));
                spent(e.getValue().usage(), price.times(PriceTable.BATCH_DISCOUNT));
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
        synchronized (totalsLock) {
            return totals;
        }
    }

    /** Tokens billed so far (answers served from the cache excluded), updated as each answer arrives. */
    @Override
    public TokenUsage tokenUsage() {
        synchronized (totalsLock) {
            return spentTokens;
        }
    }

    /** US dollars spent so far at {@link #price()} (batch answers at the batch discount), updated as each answer arrives. */
    @Override
    public double costUsd() {
        synchronized (totalsLock) {
            return spentUsd;
        }
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
        cache.close();
    }

    /**
     * Provider, model, prompt (version, system and user text), answer schema, sampling parameters, output limit and
     * chunking: what changes the labels. The cache keys on the same request parts, so labelling again after a
     * change pays only for requests that differ.
     */
    @Override
    public String configuration() {
        return String.join("\n", "provider=" + provider(), "model=" + model, "promptVersion=" + template.version(),
                "system=" + systemPrompt, "user=" + template.user(), "schema=" + answerSchema,
                "parameters=" + parameterFingerprint(), "maxOutputTokens=" + maxOutputTokens, chunking);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + name + ", model=" + model + ", types=" + definitions.keySet() + "]";
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
            String key = key(chunk.text());
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
                HttpResponse<String> response = sendOnce(chatRequest(prompt));
                ModelAnswer answer = parseChatResponse(response.body());
                long millis = (System.nanoTime() - started) / 1_000_000;
                CachedAnswer cached = new CachedAnswer(key, provider(), model, answer, millis, false);
                // stored while holding the permit, so that close() never closes the journal under a paid answer
                cache.put(cached);
                spent(answer.usage(), price);
                return cached;
            } finally {
                permits.release();
            }
        });
    }

    private HttpResponse<String> sendOnce(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            serverAnswered = true;
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw connectionFailure(request, e);
        } catch (HttpTimeoutException e) {
            throw new RetriableException(provider() + ": no complete answer within " + requestTimeout.toSeconds()
                    + " s (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new RetriableException(provider() + ": connection failed or was reset (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonRetriableException(provider() + ": interrupted while waiting for an answer", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw mapHttpError(response);
        }
        return response;
    }

    /**
     * A connection that could not even be opened: retried once the server has answered this teacher (it may be
     * restarting), but failed at once before that, since a wrong URL or a server that is not running does not get
     * better by waiting.
     */
    private MedDistillException connectionFailure(HttpRequest request, IOException e) {
        String reason = e instanceof HttpConnectTimeoutException
                ? "no connection within " + http.connectTimeout().map(Duration::toSeconds).orElse(0L) + " s"
                : hasCause(e, UnresolvedAddressException.class) ? "unknown host " + request.uri().getHost()
                : "connection refused";
        if (serverAnswered) {
            return new RetriableException(provider() + ": cannot connect to " + request.uri() + " (" + reason + ")", e);
        }
        return new NonRetriableException(provider() + ": cannot connect to " + request.uri() + " (" + reason + "),"
                + " and nothing has answered there yet, so it is not retried: check the URL and that the server is"
                + " running", e);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private Prompt prompt(String chunkText) {
        return new Prompt(systemPrompt, template.renderUser(chunkText), answerSchema, maxOutputTokens);
    }

    /** The cache key of a chunk: provider, model, prompt version and text, parameters, chunk text. */
    private String key(String chunkText) {
        try {
            MessageDigest digest = (MessageDigest) prefixDigest().clone();
            digest.update(chunkText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    private MessageDigest prefixDigest() {
        MessageDigest prefix = keyPrefix;
        if (prefix == null) {
            try {
                prefix = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
            for (String part : List.of(provider(), model, template.version(), systemPrompt, template.user(),
                    parameterFingerprint(), Integer.toString(maxOutputTokens))) {
                prefix.update(part.getBytes(StandardCharsets.UTF_8));
                prefix.update((byte) 0);
            }
            keyPrefix = prefix;
        }
        return prefix;
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

    private void spent(TokenUsage usage, Price at) {
        synchronized (totalsLock) {
            spentTokens = spentTokens.plus(usage);
            spentUsd += at.cost(usage);
        }
    }

    private void record(NoteResult result) {
        synchronized (totalsLock) {
            totals = totals.plus(result);
        }
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
            record(result);
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
