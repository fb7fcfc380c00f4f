package io.github.meddistill.ontology.internal;

import java.util.Arrays;

/**
 * Interns normalised tokens to dense int ids without allocating a {@code String} per lookup: the
 * characters live in one pool, and the open-addressed slots hold hash, id and pool span side by
 * side so that a lookup touches few cache lines. Tokens of at most 16 ASCII characters (nearly all
 * words) are also kept in tables keyed by their characters packed into one or two longs, where a
 * lookup is one probe with no character comparison.
 *
 * <p>Not thread-safe while {@link #intern} is being called; once building is over, {@link #find}
 * only reads and may be called from any number of threads.
 */
public final class TokenTable {

    private char[] pool = new char[1 << 12];
    private int poolSize;
    /** Offset and length in the pool, per id. */
    private int[] spans = new int[1 << 11];
    private int size;
    /** Per slot, four ints: hash, id + 1 (0 for an empty slot), pool offset, length; one probe reads them all. */
    private int[] slots = new int[1 << 13];
    /** Short ASCII tokens by their packed chars: per slot the key (0 for empty), then the id. */
    private long[] packedSlots = new long[1 << 12];
    private int packedSize;
    /** Tokens of 9 to 16 ASCII characters: per slot the first 8 chars packed, the rest packed (0 for empty), the id. */
    private long[] longPackedSlots = new long[3 << 11];
    private int longPackedSize;

    /**
     * The chars of a token of at most 8 ASCII characters packed into one long, one byte each, first
     * char in the lowest byte (as a little-endian read of the token's bytes gives them), or -1 for
     * any other token. Never 0 for a non-empty token.
     */
    public static long pack(char[] chars, int length) {
        return length > 8 ? -1 : packAscii(chars, 0, length);
    }

    /**
     * Characters 9 to 16 of a token of 9 to 16 ASCII characters packed into one long as {@link #pack}
     * does (never 0), or -1 for any other token; the first 8 are {@code pack(chars, 8)}.
     */
    public static long packTail(char[] chars, int length) {
        if (length <= 8 || length > 16 || packAscii(chars, 0, 8) < 0) {
            return -1;
        }
        return packAscii(chars, 8, length);
    }

    /** Chars {@code [from, to)} one byte each, the first in the lowest byte; -1 if any is not ASCII. */
    private static long packAscii(char[] chars, int from, int to) {
        long key = 0;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c >= 128) {
                return -1;
            }
            key |= (long) c << (8 * (i - from));
        }
        return key;
    }

    /** The id of a 9-to-16-character ASCII token packed into {@code head} and {@code tail}, or -1. */
    public int findLongPacked(long head, long tail) {
        long[] s = longPackedSlots;
        int mask = s.length / 3 - 1;
        int index = mix(head ^ Long.rotateLeft(tail, 32)) & mask;
        while (true) {
            int base = 3 * index;
            long found = s[base + 1];
            if (found == tail && s[base] == head) {
                return (int) s[base + 2];
            }
            if (found == 0) {
                return -1;
            }
            index = (index + 1) & mask;
        }
    }

    /** The id of a token {@linkplain #pack packed} into {@code key}, or -1 if it was never interned. */
    public int findPacked(long key) {
        long[] s = packedSlots;
        int mask = (s.length >> 1) - 1;
        int index = mix(key) & mask;
        while (true) {
            long found = s[2 * index];
            if (found == key) {
                return (int) s[2 * index + 1];
            }
            if (found == 0) {
                return -1;
            }
            index = (index + 1) & mask;
        }
    }

    /** The hash that {@link #find} and {@link #intern} expect for {@code chars[0, length)}. */
    public static int hash(char[] chars, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /** The id of the token, or -1 if it was never interned. */
    public int find(char[] chars, int length, int hash) {
        int[] s = slots;
        int mask = (s.length >> 2) - 1;
        int index = mix(hash) & mask;
        while (true) {
            int base = index << 2;
            int id = s[base + 1] - 1;
            if (id < 0) {
                return -1;
            }
            if (s[base] == hash && s[base + 3] == length && samePoolChars(s[base + 2], chars, length)) {
                return id;
            }
            index = (index + 1) & mask;
        }
    }

    /** The id of the token, adding it if it is new. */
    public int intern(char[] chars, int length, int hash) {
        int found = find(chars, length, hash);
        if (found >= 0) {
            return found;
        }
        if (2 * size == spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        if (poolSize + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
        }
        System.arraycopy(chars, 0, pool, poolSize, length);
        int id = size++;
        spans[2 * id] = poolSize;
        spans[2 * id + 1] = length;
        poolSize += length;
        if (size * 2 > slots.length >> 2) {
            rehash(slots.length * 2);
        } else {
            place(id, hash);
        }
        long key = pack(chars, length);
        if (key > 0) {
            if (++packedSize * 2 > packedSlots.length >> 1) {
                rehashPacked(packedSlots.length * 2);
            }
            placePacked(key, id);
        }
        long tail = packTail(chars, length);
        if (tail > 0) {
            if (++longPackedSize * 2 > longPackedSlots.length / 3) {
                rehashLongPacked(longPackedSlots.length / 3 * 2);
            }
            placeLongPacked(pack(chars, 8), tail, id);
        }
        return id;
    }

    /** The normalised text of a token id. */
    public String text(int id) {
        return new String(pool, spans[2 * id], spans[2 * id + 1]);
    }

    public int size() {
        return size;
    }

    /** Drops spare capacity once building is over. */
    public void trim() {
        pool = Arrays.copyOf(pool, poolSize);
        spans = Arrays.copyOf(spans, 2 * size);
    }

    private boolean samePoolChars(int offset, char[] chars, int length) {
        char[] p = pool;
        for (int i = 0; i < length; i++) {
            if (p[offset + i] != chars[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < size; id++) {
            place(id, hash(id));
        }
    }

    private int hash(int id) {
        int h = 0;
        int offset = spans[2 * id];
        for (int i = 0; i < spans[2 * id + 1]; i++) {
            h = 31 * h + pool[offset + i];
        }
        return h;
    }

    private void place(int id, int hash) {
        int mask = (slots.length >> 2) - 1;
        int index = mix(hash) & mask;
        while (slots[(index << 2) + 1] != 0) {
            index = (index + 1) & mask;
        }
        int base = index << 2;
        slots[base] = hash;
        slots[base + 1] = id + 1;
        slots[base + 2] = spans[2 * id];
        slots[base + 3] = spans[2 * id + 1];
    }

    private void rehashPacked(int capacity) {
        long[] old = packedSlots;
        packedSlots = new long[capacity];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                placePacked(old[i], (int) old[i + 1]);
            }
        }
    }

    private void placePacked(long key, int id) {
        int mask = (packedSlots.length >> 1) - 1;
        int index = mix(key) & mask;
        while (packedSlots[2 * index] != 0) {
            index = (index + 1) & mask;
        }
        packedSlots[2 * index] = key;
        packedSlots[2 * index + 1] = id;
    }

    private void rehashLongPacked(int capacity) {
        long[] old = longPackedSlots;
        longPackedSlots = new long[3 * capacity];
        for (int i = 0; i < old.length; i += 3) {
            if (old[i + 1] != 0) {
                placeLongPacked(old[i], old[i + 1], (int) old[i + 2]);
            }
        }
    }

    private void placeLongPacked(long head, long tail, int id) {
        int mask = longPackedSlots.length / 3 - 1;
        int index = mix(head ^ Long.rotateLeft(tail, 32)) & mask;
        while (longPackedSlots[3 * index + 1] != 0) {
            index = (index + 1) & mask;
        }
        longPackedSlots[3 * index] = head;
        longPackedSlots[3 * index + 1] = tail;
        longPackedSlots[3 * index + 2] = id;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 41));
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
