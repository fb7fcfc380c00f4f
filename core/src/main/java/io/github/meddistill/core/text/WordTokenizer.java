package io.github.meddistill.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The default word tokenizer for clinical text. Tokens keep their exact character offsets
 * ({@code text.substring(token.start(), token.end()).equals(token.text())}), so entity spans map to
 * tokens and back without loss. Immutable and thread-safe; one instance can serve every thread.
 *
 * <p>Rules, chosen so that entity boundaries found in clinical corpora fall between tokens:
 * <ul>
 *   <li>Whitespace separates tokens and is never part of one: every {@link Character#isWhitespace}
 *       or {@link Character#isSpaceChar} code point (so the no-break spaces U+00A0, U+2007, U+202F
 *       too), control characters, the zero-width space U+200B and the byte-order mark U+FEFF.</li>
 *   <li>A word is a run of Unicode letters, digits and combining marks ({@code "naïve"},
 *       {@code "HbA1c"}, {@code "T2DM"}, {@code "COVID"} stay whole).</li>
 *   <li>A run that starts with a number is split after the number: {@code "5mg"} becomes
 *       {@code "5"} {@code "mg"}, {@code "2.5mL"} becomes {@code "2.5"} {@code "mL"}. Annotators
 *       mark a drug's name, dose and unit as different spans, and a dose mention such as
 *       {@code "5 mg"} must cover both whether or not the note had a space.</li>
 *   <li>Numbers keep their decimal point and thousands separator when digits follow
 *       ({@code "2.5"}, {@code "1,000"}).</li>
 *   <li>Dotted abbreviations of single letters are one token with their trailing dot:
 *       {@code "b.i.d."}, {@code "q.d."}, {@code "p.r.n."}, {@code "e.g."}; so are a few title
 *       abbreviations ({@code "Dr."}, {@code "Mr."}, {@code "vs."}, ...).</li>
 *   <li>Every other character (punctuation, hyphens, slashes, apostrophes, symbols) is a token of its
 *       own: {@code "beta-blocker"} is {@code "beta"} {@code "-"} {@code "blocker"} and
 *       {@code "HIV/AIDS"} is {@code "HIV"} {@code "/"} {@code "AIDS"}, so a span that ends at the
 *       hyphen or slash (as in NCBI-disease and BC5CDR) is recovered exactly.</li>
 * </ul>
 * Characters outside the Basic Multilingual Plane are handled as whole code points; offsets are
 * Java {@code char} indices, as everywhere in MedDistill.
 */
public final class WordTokenizer implements Tokenizer {

    /** Lower-case words that, followed by a dot, form a single abbreviation token. */
    private static final Set<String> DOTTED_WORDS = Set.of("dr", "mr", "mrs", "ms", "prof", "vs", "etc", "approx");

    @Override
    public List<Token> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        List<Token> tokens = new ArrayList<>(text.length() / 5 + 1);
        int length = text.length();
        int position = 0;
        while (position < length) {
            int codePoint = text.codePointAt(position);
            if (isSeparator(codePoint)) {
                position += Character.charCount(codePoint);
                continue;
            }
            int end;
            if (isWordPart(codePoint)) {
                end = abbreviationEnd(text, position);
                if (end < 0) {
                    end = Character.isDigit(codePoint) ? numberEnd(text, position) : wordEnd(text, position);
                }
            } else {
                end = position + Character.charCount(codePoint);
            }
            tokens.add(new Token(text.substring(position, end), position, end));
            position = end;
        }
        return tokens;
    }

    @Override
    public String toString() {
        return "WordTokenizer";
    }

    private static boolean isSeparator(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || Character.isISOControl(codePoint)
                || codePoint == 0x200B || codePoint == 0xFEFF;
    }

    private static boolean isWordPart(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static int wordEnd(String text, int start) {
        int position = start;
        while (position < text.length()) {
            int codePoint = text.codePointAt(position);
            if (!isWordPart(codePoint)) {
                break;
            }
            position += Character.charCount(codePoint);
        }
        return position;
    }

    /** End of digits with inner '.' or ',' separators; letters that follow start a new token. */
    private static int numberEnd(String text, int start) {
        int position = start;
        int length = text.length();
        while (position < length) {
            int codePoint = text.codePointAt(position);
            if (Character.isDigit(codePoint)) {
                position += Character.charCount(codePoint);
            } else if ((codePoint == '.' || codePoint == ',') && position + 1 < length
                    && Character.isDigit(text.codePointAt(position + 1))) {
                position++;
            } else {
                break;
            }
        }
        return position;
    }

    /**
     * End of a dotted abbreviation starting at {@code start} ({@code "b.i.d."}, {@code "q.d"},
     * {@code "Dr."}), or -1 when there is none.
     */
    private static int abbreviationEnd(String text, int start) {
        int length = text.length();
        int position = start;
        int letters = 0;
        int end = -1;
        while (position < length) {
            int codePoint = text.codePointAt(position);
            int afterLetter = position + Character.charCount(codePoint);
            if (!Character.isLetter(codePoint)
                    || afterLetter < length && isWordPart(text.codePointAt(afterLetter))) {
                break;
            }
            letters++;
            if (afterLetter < length && text.charAt(afterLetter) == '.') {
                end = afterLetter + 1;
                position = end;
            } else {
                end = afterLetter;
                break;
            }
        }
        if (letters >= 2) {
            return end;
        }
        int wordEnd = wordEnd(text, start);
        if (wordEnd < length && text.charAt(wordEnd) == '.'
                && DOTTED_WORDS.contains(text.substring(start, wordEnd).toLowerCase(Locale.ROOT))) {
            return wordEnd + 1;
        }
        return -1;
    }
}
