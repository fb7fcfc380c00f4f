package io.github.meddistill.core.labels;

import io.github.meddistill.core.EntityType;

/** One entity in a tag sequence: its type and its first and last token index (inclusive). */
record TagChunk(EntityType type, int first, int last) {
}
