package io.github.meddistill.ontology.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits text into word tokens and normalises each one.
 *
 * <p>A token is a maximal run of letters, digits and combining marks; everything else (spaces,
 * hyphens, slashes, punctuation) separates tokens, which folds "non-Hodgkin" and "non Hodgkin"
 * together. Each token is lower-cased; tokens with non-ASCII characters are first put in Unicode
 * NFKC form (full-width letters, ligatures, superscript digits). A possessive {@code 's} is dropped,
 * and with plural folding on, simple English plural endings are removed from both dictionary and
 * text, so the two sides always agree.
 *
 * <p>Looking up an all-ASCII text (nearly every clinical note) takes a faster path that gives the
 * same tokens: a bit map of token characters (one bit per character, 64 per long) gives each
 * token's bounds with two count-trailing-zeros instructions instead of a branch per character, and
 * a token of up to 16 characters is read as one or two little-endian longs and lower-cased with one
 * OR, which is the key {@link TokenTable} looks up. Branch mispredictions at token bounds, not the
 * characters themselves, were what cost most per token.
 *
 * <p>Immutable and thread-safe; the caller supplies the output {@link Tokens} and the scratch buffer.
 */
public final class TokenScanner {

    private static final boolean[] ASCII_TOKEN_CHAR = new boolean[128];
    private static final char[] ASCII_LOWER = new char[128];
    /** 1 for an ASCII letter or digit, else 0, as a long to shift into the bit map. */
    private static final long[] ASCII_TOKEN_BIT = new long[128];
    /** Lower-cases the 8 ASCII letters or digits of a long at once: both differ from upper case in bit 0x20 only. */
    private static final long LOWER_CASE_BITS = 0x2020202020202020L;
    /** The low {@code n} bytes of a long, for n = 0 to 8. */
    private static final long[] LOW_BYTES = new long[9];
    private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_TOKEN_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            ASCII_LOWER[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            ASCII_TOKEN_BIT[c] = ASCII_TOKEN_CHAR[c] ? 1 : 0;
        }
        for (int n = 0; n < 8; n++) {
            LOW_BYTES[n] = (1L << (8 * n)) - 1;
        }
        LOW_BYTES[8] = -1L;
    }

    private final boolean foldPlurals;

    public TokenScanner(boolean foldPlurals) {
        this.foldPlurals = foldPlurals;
    }

    /** Whether a final plural {@code s} is folded away, so that "polyps" matches "polyp". */
    public boolean foldsPlurals() {
        return foldPlurals;
    }

    /** A scratch buffer for {@link #scan}; one per thread or call. Its arrays grow to the longest text scanned. */
    public static final class Buffer {
        char[] chars = new char[64];
        /** The text being scanned, copied once. */
        char[] text = new char[1024];
        /** An all-ASCII text as bytes, with 16 spare bytes so that a token's last long can be read whole. */
        byte[] bytes = new byte[1024 + 16];
        /** Bit {@code i % 64} of long {@code i / 64}: whether char i is an ASCII letter or digit. */
        long[] tokenBits = new long[1024 / 64 + 2];
    }

    /**
     * Scans {@code text} into {@code out}. With {@code intern} true every token gets a new or known
     * id from {@code table}; otherwise unknown tokens get id -1.
     */
    public void scan(String text, TokenTable table, boolean intern, Tokens out, Buffer buffer) {
        out.clear();
        int n = text.length();
        if (buffer.text.length < n) {
            int capacity = Math.max(n, 2 * buffer.text.length);
            buffer.text = new char[capacity];
            buffer.bytes = new byte[capacity + 16];
            buffer.tokenBits = new long[capacity / 64 + 2];
        }
        char[] chars = buffer.text;
        text.getChars(0, n, chars, 0);
        if (intern || !copyAscii(chars, n, buffer.bytes)) {
            scanAnyText(chars, n, table, intern, out, buffer);
        } else {
            scanAsciiText(n, table, out, buffer);
        }
    }

    /** Copies {@code text} to {@code bytes} and tells whether every char was ASCII. */
    private static boolean copyAscii(char[] text, int n, byte[] bytes) {
        int all = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            all |= c;
            bytes[i] = (byte) c;
        }
        return all < 128;
    }

    private void scanAsciiText(int n, TokenTable table, Tokens out, Buffer buffer) {
        byte[] bytes = buffer.bytes;
        long[] bits = buffer.tokenBits;
        int words = (n + 63) >>> 6;
        for (int w = 0; w < words; w++) {
            int base = w << 6;
            int limit = Math.min(64, n - base);
            long word = 0;
            for (int k = 0; k < limit; k++) {
                word |= ASCII_TOKEN_BIT[bytes[base + k] & 0x7F] << k;
            }
            bits[w] = word;
        }
        // A token that ends the text on a long's last bit stops at this empty long.
        bits[words] = 0;
        char[] text = buffer.text;
        int position = 0;
        while (true) {
            int w = position >>> 6;
            long ahead = w < words ? bits[w] & (-1L << position) : 0;
            while (ahead == 0) {
                if (++w >= words) {
                    return;
                }
                ahead = bits[w];
            }
            int start = (w << 6) + Long.numberOfTrailingZeros(ahead);
            long separators = ~bits[w] & (-1L << start);
            while (separators == 0) {
                separators = ~bits[++w];
            }
            int end = (w << 6) + Long.numberOfTrailingZeros(separators);
            position = end;
            int length = end - start;
            byte last = bytes[end - 1];
            if (length == 1 && (last | 0x20) == 's' && isPossessive(text, start)) {
                continue;
            }
            int id;
            if (foldPlurals && length > 4 && (last | 0x20) == 's') {
                id = lookUpFolded(text, start, length, table, buffer);
            } else if (length <= 8) {
                id = table.findPacked(((long) LONG_AT.get(bytes, start) | LOWER_CASE_BITS) & LOW_BYTES[length]);
            } else if (length <= 16) {
                id = table.findLongPacked((long) LONG_AT.get(bytes, start) | LOWER_CASE_BITS,
                        ((long) LONG_AT.get(bytes, start + 8) | LOWER_CASE_BITS) & LOW_BYTES[length - 8]);
            } else {
                id = lookUpLowerCased(text, start, length, table, buffer);
            }
            out.add(start, end, id);
        }
    }

    /** Looks up an ASCII token that may be a plural: lower-cased into the scratch chars, then folded. */
    private int lookUpFolded(char[] text, int start, int length, TokenTable table, Buffer buffer) {
        char[] chars = lowerCased(text, start, length, buffer);
        return find(table, chars, foldPlural(chars, length));
    }

    /** Looks up an ASCII token too long to pack. */
    private static int lookUpLowerCased(char[] text, int start, int length, TokenTable table, Buffer buffer) {
        return find(table, lowerCased(text, start, length, buffer), length);
    }

    private static char[] lowerCased(char[] text, int start, int length, Buffer buffer) {
        while (length > buffer.chars.length) {
            grow(buffer);
        }
        char[] chars = buffer.chars;
        for (int i = 0; i < length; i++) {
            chars[i] = ASCII_LOWER[text[start + i]];
        }
        return chars;
    }

    /** The id of a normalised token, by the cheapest of the table's three lookups that applies. */
    private static int find(TokenTable table, char[] chars, int length) {
        long packed = TokenTable.pack(chars, Math.min(length, 8));
        if (length <= 8 && packed > 0) {
            return table.findPacked(packed);
        }
        long tail = TokenTable.packTail(chars, length);
        if (length <= 16 && packed > 0 && tail > 0) {
            return table.findLongPacked(packed, tail);
        }
        return table.find(chars, length, TokenTable.hash(chars, length));
    }

    /** Any text, a char at a time; the only path that interns. */
    private void scanAnyText(char[] t, int n, TokenTable table, boolean intern, Tokens out, Buffer buffer) {
        int i = 0;
        while (i < n) {
            char c = t[i];
            if (c < 128 ? !ASCII_TOKEN_CHAR[c] : !isTokenCodePoint(Character.codePointAt(t, i, n))) {
                i++;
                continue;
            }
            int start = i;
            char[] chars = buffer.chars;
            int length = 0;
            boolean ascii = true;
            while (i < n) {
                c = t[i];
                if (c < 128) {
                    if (!ASCII_TOKEN_CHAR[c]) {
                        break;
                    }
                    if (length == chars.length) {
                        chars = grow(buffer);
                    }
                    chars[length++] = ASCII_LOWER[c];
                    i++;
                } else {
                    int codePoint = Character.codePointAt(t, i, n);
                    if (!isTokenCodePoint(codePoint)) {
                        break;
                    }
                    ascii = false;
                    i += Character.charCount(codePoint);
                }
            }
            if (!ascii) {
                length = normalise(t, start, i, buffer);
                chars = buffer.chars;
            }
            if (length == 1 && chars[0] == 's' && isPossessive(t, start)) {
                continue;
            }
            if (foldPlurals) {
                length = foldPlural(chars, length);
            }
            int id = intern ? table.intern(chars, length, TokenTable.hash(chars, length)) : find(table, chars, length);
            out.add(start, i, id);
        }
    }

    /** NFKC and lower case for a token with non-ASCII characters, into {@code buffer.chars}; returns its length. */
    private static int normalise(char[] text, int start, int end, Buffer buffer) {
        String normalised = Normalizer.normalize(CharBuffer.wrap(text, start, end - start), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        while (normalised.length() > buffer.chars.length) {
            grow(buffer);
        }
        normalised.getChars(0, normalised.length(), buffer.chars, 0);
        return normalised.length();
    }

    private static boolean isPossessive(char[] text, int start) {
        if (start < 2) {
            return false;
        }
        char apostrophe = text[start - 1];
        char before = text[start - 2];
        return (apostrophe == '\'' || apostrophe == '\u2019')
                && (before < 128 ? ASCII_TOKEN_CHAR[before] : Character.isLetterOrDigit(before));
    }

    /** Simple English plural endings; applied to dictionary and text alike, so it only has to be consistent. */
    public static int foldPlural(char[] chars, int length) {
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
        buffer.chars = Arrays.copyOf(buffer.chars, buffer.chars.length * 2);
        return buffer.chars;
    }
}
