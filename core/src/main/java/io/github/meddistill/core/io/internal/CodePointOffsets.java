package io.github.meddistill.core.io.internal;

/**
 * Converts between Unicode code-point offsets (as Python and brat count) and Java {@code char}
 * offsets of one text. Costs nothing for texts without supplementary characters. Immutable.
 */
public final class CodePointOffsets {

    private final String text;
    private final boolean identical;
    private final int codePointLength;

    public CodePointOffsets(String text) {
        this.text = text;
        this.codePointLength = text.codePointCount(0, text.length());
        this.identical = codePointLength == text.length();
    }

    /** Length of the text in code points. */
    public int codePointLength() {
        return codePointLength;
    }

    /** The char offset of code-point offset {@code codePoints} ({@code 0..codePointLength()}). */
    public int toChars(int codePoints) {
        return identical ? codePoints : text.offsetByCodePoints(0, codePoints);
    }

    /** The code-point offset of char offset {@code chars}. */
    public int toCodePoints(int chars) {
        return identical ? chars : text.codePointCount(0, chars);
    }
}
