package io.github.meddistill.teachers.internal;

/** A mention as the model returned it: text and type, both unchecked. */
public record Mention(String text, String type) {
}
