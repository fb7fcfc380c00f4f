package io.github.meddistill.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds abbreviations defined as {@code "long form (SHORT)"} with the algorithm of Schwartz and Hearst (2003, "A
 * simple algorithm for identifying abbreviation definitions in biomedical text"): the short form has one or two
 * words, 2 to 10 characters, at least one letter and starts with a letter or digit; the long form is the shortest
 * run of at most {@code min(|SHORT| + 5, 2 * |SHORT|)} words before the bracket, within its clause, in which the
 * short form's letters and digits appear in order, its first character starting a word. Text after a {@code ,} or
 * {@code ;} in the brackets is dropped ({@code "(APC; see below)"} defines {@code APC}). The reversed pattern
 * {@code "SHORT (long form)"} is not recognised. Immutable and thread-safe.
 */
public final class AbbreviationFinder {

    private static final int MAX_SHORT_LENGTH = 10;

    /** Every definition in {@code text}, in text order. */
    public List<Abbreviation> find(String text) {
        Objects.requireNonNull(text, "text");
        List<Abbreviation> found = new ArrayList<>();
        int open = text.indexOf('(');
        while (open >= 0) {
            int close = text.indexOf(')', open + 1);
            if (close < 0) {
                break;
            }
            int nested = text.indexOf('(', open + 1);
            if (nested >= 0 && nested < close) {
                open = nested;
                continue;
            }
            definition(text, open, close).ifPresent(found::add);
            open = text.indexOf('(', close + 1);
        }
        return List.copyOf(found);
    }

    /**
     * Whether {@code shortForm} could abbreviate all of {@code longForm} by the same letter rule as a definition: its
     * letters and digits appear in order, the first one starting the long form's first word ("PDS" and "Pendred
     * syndrome"). For short forms a text uses without defining them.
     */
    public static boolean abbreviates(String shortForm, String longForm) {
        Objects.requireNonNull(shortForm, "shortForm");
        Objects.requireNonNull(longForm, "longForm");
        return isShortForm(shortForm) && longForm.length() > shortForm.length()
                && bestLongFormStart(shortForm, longForm, 0, longForm.length()) == 0;
    }

    private static Optional<Abbreviation> definition(String text, int open, int close) {
        int shortStart = skipSpaces(text, open + 1, close);
        int shortEnd = shortStart;
        while (shortEnd < close && text.charAt(shortEnd) != ',' && text.charAt(shortEnd) != ';') {
            shortEnd++;
        }
        while (shortEnd > shortStart && Character.isWhitespace(text.charAt(shortEnd - 1))) {
            shortEnd--;
        }
        String shortForm = text.substring(shortStart, shortEnd);
        if (!isShortForm(shortForm)) {
            return Optional.empty();
        }
        int longEnd = open;
        while (longEnd > 0 && Character.isWhitespace(text.charAt(longEnd - 1))) {
            longEnd--;
        }
        int clauseStart = clauseStart(text, longEnd);
        int windowStart = wordsBack(text, clauseStart, longEnd,
                Math.min(shortForm.length() + 5, 2 * shortForm.length()));
        int longStart = bestLongFormStart(shortForm, text, windowStart, longEnd);
        if (longStart < 0 || longEnd - longStart <= shortForm.length()) {
            return Optional.empty();
        }
        return Optional.of(new Abbreviation(longStart, longEnd, shortStart, shortEnd, shortForm));
    }

    private static boolean isShortForm(String candidate) {
        if (candidate.length() < 2 || candidate.length() > MAX_SHORT_LENGTH
                || !Character.isLetterOrDigit(candidate.charAt(0))) {
            return false;
        }
        boolean letter = false;
        int spaces = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            letter |= Character.isLetter(c);
            if (Character.isWhitespace(c)) {
                spaces++;
            }
        }
        return letter && spaces <= 1;
    }

    /** Where the clause ending at {@code end} starts: after the last bracket or {@code . ; :} followed by a space. */
    private static int clauseStart(String text, int end) {
        for (int i = end - 1; i > 0; i--) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == '[' || c == ']') {
                return i + 1;
            }
            if ((c == ';' || c == ':' || c == '.') && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The start of the {@code words}-th word before {@code end}, not before {@code limit}. */
    private static int wordsBack(String text, int limit, int end, int words) {
        int position = end;
        for (int counted = 0; counted < words; counted++) {
            while (position > limit && Character.isWhitespace(text.charAt(position - 1))) {
                position--;
            }
            if (position == limit) {
                return limit;
            }
            while (position > limit && !Character.isWhitespace(text.charAt(position - 1))) {
                position--;
            }
        }
        return skipSpaces(text, position, end);
    }

    /**
     * Matches the short form's letters and digits right to left against {@code text[from, to)}; the first one must
     * start a word. Returns the start of the word where the match ends, or -1.
     */
    private static int bestLongFormStart(String shortForm, String text, int from, int to) {
        int l = to - 1;
        for (int s = shortForm.length() - 1; s >= 0; s--) {
            char c = Character.toLowerCase(shortForm.charAt(s));
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            while (l >= from && (Character.toLowerCase(text.charAt(l)) != c
                    || (s == 0 && l > from && Character.isLetterOrDigit(text.charAt(l - 1))))) {
                l--;
            }
            if (l < from) {
                return -1;
            }
            l--;
        }
        int start = l + 1;
        while (start > from && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static int skipSpaces(String text, int from, int to) {
        int position = from;
        while (position < to && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }
}
