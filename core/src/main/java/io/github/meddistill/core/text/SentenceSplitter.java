package io.github.meddistill.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds sentence boundaries in tokenized clinical text, so that a model can read one sentence at a time.
 * Immutable and thread-safe.
 *
 * <p>A sentence ends:
 * <ul>
 *   <li>after a {@code .}, {@code !} or {@code ?} token followed by a token that starts with an upper-case letter,
 *       a digit or an opening bracket or quote, unless the token before the dot is a single letter (an initial, as
 *       in {@code "J. Smith"}) or a common reference abbreviation ({@code "Fig."}, {@code "et al."}, {@code "No."});
 *       dotted abbreviations such as {@code "b.i.d."} are one token with their dot (see {@link WordTokenizer}) and
 *       so never end a sentence;</li>
 *   <li>at a blank line;</li>
 *   <li>at a line break followed by a token that starts with an upper-case letter, a digit or a list marker
 *       ({@code -}, {@code *}, {@code •}), as between the lines of a note's sections and lists; a line wrapped
 *       inside a sentence, where the next line starts in lower case, is not split.</li>
 * </ul>
 */
public final class SentenceSplitter {

    private static final Set<String> NON_FINAL_ABBREVIATIONS = Set.of("fig", "figs", "al", "no", "nos", "ref", "refs",
            "vol", "pp", "ca", "cf");

    /**
     * The index of the first token of every sentence, in order: {@code 0} first when there are tokens, none when
     * there are none.
     *
     * @param text the text that was tokenized
     * @param tokens its tokens, in text order, with offsets into {@code text}
     */
    public List<Integer> sentenceStarts(String text, List<Token> tokens) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tokens, "tokens");
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i == 0 || startsSentence(text, tokens, i)) {
                starts.add(i);
            }
        }
        return starts;
    }

    private static boolean startsSentence(String text, List<Token> tokens, int index) {
        Token previous = tokens.get(index - 1);
        Token token = tokens.get(index);
        int lineBreaks = lineBreaks(text, previous.end(), token.start());
        if (lineBreaks >= 2) {
            return true;
        }
        char first = token.text().charAt(0);
        boolean capitalised = Character.isUpperCase(first) || Character.isDigit(first);
        if (lineBreaks == 1 && (capitalised || first == '-' || first == '*' || first == '\u2022')) {
            return true;
        }
        if (!isTerminator(previous.text()) || !(capitalised || "([\"'\u201C".indexOf(first) >= 0)) {
            return false;
        }
        if (index < 2) {
            return true;
        }
        Token beforeDot = tokens.get(index - 2);
        if (!previous.text().equals(".") || beforeDot.end() != previous.start()) {
            return true;
        }
        String word = beforeDot.text();
        boolean initial = word.length() == 1 && Character.isLetter(word.charAt(0));
        return !initial && !NON_FINAL_ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isTerminator(String token) {
        return token.equals(".") || token.equals("!") || token.equals("?");
    }

    private static int lineBreaks(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= to || text.charAt(i + 1) != '\n'))) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "SentenceSplitter";
    }
}
