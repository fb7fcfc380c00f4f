package io.github.meddistill.teachers.spi;

import java.util.Objects;

/**
 * One request of a provider batch: a content-addressed key (the cache key, used as
 * {@code custom_id} / request metadata so results map back) and the prompt.
 */
public record BatchRequest(String key, Prompt prompt) {

    public BatchRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(prompt, "prompt");
    }
}
