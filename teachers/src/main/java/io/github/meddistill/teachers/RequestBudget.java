package io.github.meddistill.teachers;

/**
 * Where an LLM teacher takes permission to send a request, so that the provider's limits on requests and tokens
 * per minute hold. Without one, {@link LlmTeacherBuilder#requestsPerMinute} and
 * {@link LlmTeacherBuilder#tokensPerMinute} limit each teacher on its own, inside its JVM; a budget shared by many
 * teachers (meddistill-spark's job budget, one for every executor of a Spark job) holds all of them to one limit
 * instead of multiplying it by the number of JVMs.
 *
 * <p>The teacher asks before every paid request, retries included, and never for an answer served from its cache.
 * Implementations must be thread-safe: a teacher asks from as many threads as it has requests in flight.
 */
@FunctionalInterface
public interface RequestBudget {

    /**
     * Blocks until one request of about {@code tokens} tokens (estimated prompt tokens plus the output limit) may be
     * sent. Throws {@link io.github.meddistill.core.RetriableException} when the budget cannot be reached for now, so
     * that the teacher's retry policy applies.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void acquire(long tokens) throws InterruptedException;
}
