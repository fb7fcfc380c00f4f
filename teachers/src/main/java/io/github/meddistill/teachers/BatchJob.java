package io.github.meddistill.teachers;

import java.util.Objects;

/**
 * A submitted provider batch. Keep {@link #id()} (e.g. in a file): it is all
 * {@link LlmTeacher#awaitBatch(String, java.util.List)} needs to resume after a restart.
 *
 * @param id the provider's batch id ({@code batch_...} for OpenAI, {@code batches/...} for Gemini);
 *           empty when nothing needed to be submitted because every chunk was already cached
 * @param submittedRequests requests in the batch
 * @param alreadyCached chunks that were already in the cache and were not submitted
 */
public record BatchJob(String id, int submittedRequests, int alreadyCached) {

    public BatchJob {
        Objects.requireNonNull(id, "id");
    }

    /** Whether a provider batch was created (false when everything was cached). */
    public boolean submitted() {
        return !id.isEmpty();
    }
}
