package io.github.meddistill.teachers.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What a provider reports about a batch job.
 *
 * @param finished whether the provider will not change the job any more (completed, failed, expired, cancelled)
 * @param providerStatus the provider's own status word, for messages (e.g. {@code "in_progress"})
 * @param answers answers by request key; only complete once {@code finished}
 * @param errors error messages by request key, for requests the provider could not answer
 */
public record BatchState(boolean finished, String providerStatus, Map<String, ModelAnswer> answers,
                         Map<String, String> errors) {

    public BatchState {
        Objects.requireNonNull(providerStatus, "providerStatus");
        answers = Map.copyOf(answers);
        errors = Map.copyOf(errors);
    }
}
