package io.github.meddistill.teachers.spi;

import java.util.List;

/**
 * A {@link ChatProvider} that can also answer many prompts as one provider-side batch job (OpenAI's Batch API,
 * Gemini's {@code batchGenerateContent}), usually at a discount. The teacher stores the answers in its cache and
 * requests whatever a batch did not answer one by one.
 *
 * <p>Both methods are called outside the teacher's retry loop: a provider retries its own HTTP calls (the HTTP
 * providers here do it with the teacher's retry policy).
 */
public interface BatchChatProvider extends ChatProvider {

    /** Creates a provider batch with these requests and returns its id, all that is needed to resume. */
    String submitBatch(List<BatchRequest> requests);

    /** The provider's current state of a batch, with the answers once it has finished. */
    BatchState batchState(String batchId);
}
