package io.github.meddistill.core;

import java.util.Map;
import java.util.Objects;

/**
 * A note to annotate: an id unique within its corpus, the full text, and free-form metadata
 * (source file, split, section, ...). Clinical text is PHI: {@link #toString()} never shows it.
 */
public record Document(String id, String text, Map<String, String> metadata) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id must not be blank");
        }
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /** A document without metadata. */
    public Document(String id, String text) {
        this(id, text, Map.of());
    }

    @Override
    public String toString() {
        return "Document[id=" + id + ", length=" + text.length() + ", metadata=" + metadata.keySet() + "]";
    }
}
