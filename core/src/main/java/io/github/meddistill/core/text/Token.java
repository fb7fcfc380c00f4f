package io.github.meddistill.core.text;

import java.util.Objects;

/** A word token: its text and its character span {@code [start, end)} in the original string. */
public record Token(String text, int start, int end) {

    public Token {
        Objects.requireNonNull(text, "text");
        if (start < 0 || start >= end || text.length() != end - start) {
            throw new IllegalArgumentException("token span must satisfy 0 <= start < end and text length = end - start:"
                    + " start=" + start + ", end=" + end + ", text length=" + text.length());
        }
    }
}
