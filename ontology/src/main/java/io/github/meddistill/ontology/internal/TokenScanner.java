package io.github.meddistill.ontology.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Splits text into word tokens and normalises each one, in a single pass over the characters.
 *
 * <p>A token is a maximal run of letters, digits and combining marks; everything else (spaces,
 * hyphens, slashes, punctuation) separates tokens, which folds "non-Hodgkin" and "non Hodgkin"
 * together. Each token is lower-cased; tokens with non-ASCII characters are first put in Unicode
 * NFKC form (full-width letters, ligatures, superscript digits). A possessive {@code 's} is dropped,
 * and with plural folding on, simple English plural endings are removed from both dictionary and
 * text, so the two sides always agree. ASCII tokens take a table-driven path with no allocation.
 *
 * <p>Immutable and thread-safe; the caller supplies the output {@link Tokens} and the scratch buffer.
 */
public final class TokenScanner {

    private static final boolean[] ASCII_TOKEN_CHAR = new boolean[128];
    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_TOKEN_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            ASCII_LOWER[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
    }

    private final boolean foldPlurals;

    public TokenScanner(boolean foldPlurals) {
        this.foldPlurals = foldPlurals;
    }

    /** A scratch buffer for {@link #scan}; one per thread or call. */
    public static final class Buffer {
        char[] chars = new char[64];
    }

    /**
     * Scans {@code text} into {@code out}. With {@code intern} true every token gets a new or known
     * id from {@code table}; otherwise unknown tokens get id -1.
     */
    public void scan(CharSequence text, TokenTable table, boolean intern, Tokens out, Buffer buffer) {
        out.clear();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128 ? !ASCII_TOKEN_CHAR[c] : !isTokenCodePoint(Character.codePointAt(text, i))) {
                i++;
                continue;
            }
            int start = i;
            char[] chars = buffer.chars;
            int length = 0;
            long packed = 0;
            long tail = 0;
            boolean ascii = true;
            while (i < n) {
                c = text.charAt(i);
                if (c < 128) {
                    if (!ASCII_TOKEN_CHAR[c]) {
                        break;
                    }
                    if (length == chars.length) {
                        chars = grow(buffer);
                    }
                    char lower = ASCII_LOWER[c];
                    chars[length++] = lower;
                    if (length <= 8) {
                        packed = (packed << 8) | lower;
                    } else {
                        tail = (tail << 8) | lower;
                    }
                    i++;
                } else {
                    int codePoint = Character.codePointAt(text, i);
                    if (!isTokenCodePoint(codePoint)) {
                        break;
                    }
                    ascii = false;
                    i += Character.charCount(codePoint);
                }
            }
            if (!ascii) {
                String normalised = Normalizer.normalize(text.subSequence(start, i), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT);
                while (normalised.length() > buffer.chars.length) {
                    grow(buffer);
                }
                chars = buffer.chars;
                length = normalised.length();
                normalised.getChars(0, length, chars, 0);
            }
            if (length == 1 && chars[0] == 's' && isPossessive(text, start)) {
                continue;
            }
            if (!ascii || foldPlurals) {
                int folded = foldPlurals ? foldPlural(chars, length) : length;
                if (folded != length || !ascii) {
                    length = folded;
                    packed = TokenTable.pack(chars, Math.min(length, 8));
                    tail = TokenTable.packTail(chars, length);
                }
            }
            int id;
            if (intern) {
                id = table.intern(chars, length, TokenTable.hash(chars, length));
            } else if (length <= 8 && packed > 0) {
                id = table.findPacked(packed);
            } else if (length <= 16 && packed > 0 && tail > 0) {
                id = table.findLongPacked(packed, tail);
            } else {
                id = table.find(chars, length, TokenTable.hash(chars, length));
            }
            out.add(start, i, id);
        }
    }

    private static boolean isPossessive(CharSequence text, int start) {
        if (start < 2) {
            return false;
        }
        char apostrophe = text.charAt(start - 1);
        char before = text.charAt(start - 2);
        return (apostrophe == '\'' || apostrophe == '\u2019')
                && (before < 128 ? ASCII_TOKEN_CHAR[before] : Character.isLetterOrDigit(before));
    }

    /** Simple English plural endings; applied to dictionary and text alike, so it only has to be consistent. */
    static int foldPlural(char[] chars, int length) {
        // Short words are left alone: "thes" (a DOID acronym) must not become "the", nor "aids" "aid".
        if (length <= 4 || chars[length - 1] != 's') {
            return length;
        }
        char before = chars[length - 2];
        if (before == 's' || before == 'u' || before == 'i') {
            return length;
        }
        if (length > 4 && before == 'e' && chars[length - 3] == 'i') {
            chars[length - 3] = 'y';
            return length - 2;
        }
        if (before == 'e') {
            char stem = chars[length - 3];
            boolean sibilant = stem == 'x' || stem == 'z' || (stem == 'h' && (chars[length - 4] == 'c'
                    || chars[length - 4] == 's')) || (stem == 's' && chars[length - 4] == 's');
            if (sibilant) {
                return length - 2;
            }
        }
        return Character.isLetter(before) ? length - 1 : length;
    }

    private static boolean isTokenCodePoint(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static char[] grow(Buffer buffer) {
        buffer.chars = java.util.Arrays.copyOf(buffer.chars, buffer.chars.length * 2);
        return buffer.chars;
    }
}
