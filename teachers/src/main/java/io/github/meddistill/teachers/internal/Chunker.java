package io.github.meddistill.teachers.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a note into chunks of at most {@code maxChars} characters that overlap by about
 * {@code overlapChars}, cutting at whitespace where possible so that a mention cut by one chunk's end
 * appears whole in the next. Token budgets are turned into characters by the caller (about 4
 * characters per token for English clinical text). Immutable and thread-safe.
 */
public final class Chunker {

    private final int maxChars;
    private final int overlapChars;

    public Chunker(int maxChars, int overlapChars) {
        if (maxChars < 2 || overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("chunk sizes must satisfy maxChars >= 2 and 0 <= overlap < maxChars / 2:"
                    + " maxChars=" + maxChars + ", overlapChars=" + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** The chunks of {@code text}; none for an empty or blank text. */
    public List<Chunk> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        if (text.length() <= maxChars) {
            return List.of(new Chunk(0, text));
        }
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = Math.min(text.length(), start + maxChars);
            if (end < text.length()) {
                end = lastBreak(text, start + maxChars / 2, end);
            }
            chunks.add(new Chunk(start, text.substring(start, end)));
            if (end == text.length()) {
                return List.copyOf(chunks);
            }
            int next = nextBreak(text, Math.max(start + 1, end - overlapChars), end);
            start = next;
        }
    }

    /** The last whitespace position in {@code (from, to]} to end a chunk at, or {@code to} if there is none. */
    private static int lastBreak(String text, int from, int to) {
        for (int i = to; i > from; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return to;
    }

    /** The first word start in {@code [from, limit)} to begin a chunk at, or {@code from} if there is none. */
    private static int nextBreak(String text, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (i > 0 && Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return from;
    }
}
