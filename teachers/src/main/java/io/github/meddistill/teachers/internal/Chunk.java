package io.github.meddistill.teachers.internal;

/** A piece of a note: {@code text} is {@code note.substring(start, start + text.length())}. */
public record Chunk(int start, String text) {
}
