package io.github.meddistill.core.text;

import java.util.List;

/**
 * Splits a text into word tokens that keep their character offsets. Implementations state
 * thread-safety; {@link WordTokenizer} is the default for clinical text.
 */
@FunctionalInterface
public interface Tokenizer {

    /** The tokens of {@code text}, in text order, without overlaps; whitespace is never part of a token. */
    List<Token> tokenize(String text);
}
