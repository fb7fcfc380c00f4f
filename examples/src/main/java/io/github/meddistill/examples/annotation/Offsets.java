package io.github.meddistill.examples.annotation;

/**
 * Offsets between Java's UTF-16 indices ({@link String#substring}) and the Unicode code point indices of Python and of
 * the annotation tools (Label Studio since its emoji fix, doccano, Prodigy): they differ after every character outside
 * the Basic Multilingual Plane (most emoji, rare CJK), which takes two UTF-16 units. A combining mark is a code point of
 * its own in both.
 */
public final class Offsets {

    private Offsets() {
    }

    /** The code point index of UTF-16 index {@code index} of {@code text}. */
    public static int toCodePoints(String text, int index) {
        return text.codePointCount(0, index);
    }

    /**
     * The UTF-16 index of code point index {@code codePoints} of {@code text}.
     *
     * @throws IllegalArgumentException when {@code codePoints} lies outside the text
     */
    public static int toUtf16(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        if (codePoints < 0 || codePoints > total) {
            throw new IllegalArgumentException("offset " + codePoints + " lies outside a text of " + total + " code points");
        }
        return text.offsetByCodePoints(0, codePoints);
    }
}
