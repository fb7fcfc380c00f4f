package io.github.meddistill.teachers.spi;

/**
 * A chat model as {@link io.github.meddistill.teachers.LlmTeacher} uses it: one structured-output request in, the
 * answer text and its token usage out. Everything else (cache, retries, rate limits, concurrency, chunking, mention
 * alignment, cost, progress) is done once by the teacher, so a provider only maps a {@link Prompt} to its own client
 * and the client's reply to a {@link ModelAnswer}. A provider that can also run provider-side batch jobs implements
 * {@link BatchChatProvider}.
 *
 * <p>Errors: throw a {@link io.github.meddistill.core.RetriableException} (or
 * {@link io.github.meddistill.teachers.RateLimitedException} with the server's hint) for a failure that may pass on
 * retrying, which the teacher retries with its {@link io.github.meddistill.teachers.RetryPolicy}; throw a
 * {@link io.github.meddistill.core.NonRetriableException} (e.g.
 * {@link io.github.meddistill.teachers.AuthenticationException}) for one that will not. Any other
 * {@link RuntimeException} fails the note as a non-retriable error. Report a refusal or a cut-off answer through
 * {@link ModelAnswer#status()}, not an exception.
 *
 * <p>Must be thread-safe: the teacher calls {@link #chat} from up to {@code maxConcurrency} threads. If the
 * provider is also {@link AutoCloseable}, closing the teacher closes it.
 *
 * <pre>{@code
 * ChatProvider provider = prompt -> new ModelAnswer(myClient.ask(prompt.system(), prompt.user(),
 *         prompt.answerSchema()), AnswerStatus.COMPLETE, "stop", TokenUsage.ZERO);
 * LlmTeacher teacher = LlmTeacher.builder("llama3.1", provider).price(Price.FREE).build();
 * }</pre>
 */
@FunctionalInterface
public interface ChatProvider {

    /**
     * Answers one prompt. The answer should be JSON following {@link Prompt#answerSchema()}; the teacher
     * validates it and aligns the mentions to the note text.
     */
    ModelAnswer chat(Prompt prompt);

    /**
     * A short name of the provider, part of every cache key and of messages (ours: {@code "openai"},
     * {@code "azure-openai"}, {@code "gemini"}). Override it when two providers can serve the same model name, so
     * that their answers are not confused in a shared cache.
     */
    default String name() {
        return "custom";
    }

    /**
     * Every request parameter of this provider that changes the answer (temperature, seed, reasoning effort, ...),
     * as a stable string: it is part of every cache key and of the teacher's configuration, so that changing one
     * pays again only for the requests that differ.
     */
    default String parameters() {
        return "";
    }
}
