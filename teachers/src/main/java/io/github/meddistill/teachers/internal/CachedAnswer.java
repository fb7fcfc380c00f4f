package io.github.meddistill.teachers.internal;

import io.github.meddistill.teachers.spi.ModelAnswer;
import java.util.Objects;

/**
 * One journal entry: the model's answer for a cache key, how long the call took and whether it came
 * from a batch (billed at the batch discount).
 */
public record CachedAnswer(String key, String provider, String model, ModelAnswer answer, long latencyMillis,
                           boolean batch) {

    public CachedAnswer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(answer, "answer");
    }
}
