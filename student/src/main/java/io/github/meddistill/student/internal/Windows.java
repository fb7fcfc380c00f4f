package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a document's word pieces into overlapping windows that fit the model, so long notes are never truncated.
 * Windows end at word boundaries where a word fits, consecutive windows overlap by about {@code stride} pieces,
 * and every word is predicted by the one window in which it sits farthest from an edge (most context on both
 * sides), so overlapping predictions merge without conflicts.
 */
public final class Windows {

    private Windows() {
    }

    /** Pieces {@code [start, end)} of a document. */
    public record Window(int start, int end) {

        public int length() {
            return end - start;
        }
    }

    /**
     * The windows covering {@code wordOfPiece.length} pieces.
     *
     * @param wordOfPiece the word each piece belongs to (non-decreasing)
     * @param size the most pieces per window (the model's max length minus [CLS] and [SEP])
     * @param stride how many pieces consecutive windows share; smaller than {@code size}
     */
    public static List<Window> split(int[] wordOfPiece, int size, int stride) {
        checkSizes(size, stride);
        List<Window> windows = new ArrayList<>();
        splitRange(wordOfPiece, 0, wordOfPiece.length, size, stride, windows);
        return windows;
    }

    /**
     * The windows covering {@code wordOfPiece.length} pieces without crossing a segment boundary: each segment is
     * split as by {@link #split(int[], int, int)}.
     *
     * @param segmentStarts the first piece of every segment, increasing, starting with 0 when there are pieces
     */
    public static List<Window> split(int[] wordOfPiece, int size, int stride, int[] segmentStarts) {
        checkSizes(size, stride);
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < segmentStarts.length; s++) {
            int from = segmentStarts[s];
            int to = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : wordOfPiece.length;
            if (from >= to || (s == 0 && from != 0) || to > wordOfPiece.length) {
                throw new IllegalArgumentException("segment starts must increase from 0 within " + wordOfPiece.length
                        + " pieces: " + Arrays.toString(segmentStarts));
            }
            splitRange(wordOfPiece, from, to, size, stride, windows);
        }
        return windows;
    }

    private static void checkSizes(int size, int stride) {
        if (size < 1 || stride < 0 || stride >= size) {
            throw new IllegalArgumentException("need 0 <= stride < size: size=" + size + ", stride=" + stride);
        }
    }

    /** Adds the windows covering pieces {@code [from, to)}, the range's first piece counting as a word start. */
    private static void splitRange(int[] wordOfPiece, int from, int to, int size, int stride, List<Window> windows) {
        int start = from;
        while (start < to) {
            int end = Math.min(start + size, to);
            if (end < to) {
                int boundary = end;
                while (boundary > start && !startsWord(wordOfPiece, from, boundary)) {
                    boundary--;
                }
                if (boundary > start) {
                    end = boundary;
                }
            }
            windows.add(new Window(start, end));
            if (end == to) {
                break;
            }
            int next = Math.max(start + 1, end - stride);
            int aligned = next;
            while (aligned > start + 1 && !startsWord(wordOfPiece, from, aligned)) {
                aligned--;
            }
            start = startsWord(wordOfPiece, from, aligned) ? aligned : next;
        }
    }

    /**
     * For each piece, the index of the window that predicts it: among the windows that contain it, the one where
     * it is farthest from the nearer edge (ties go to the earlier window).
     */
    public static int[] owners(int pieces, List<Window> windows) {
        int[] owner = new int[pieces];
        int[] best = new int[pieces];
        Arrays.fill(owner, -1);
        Arrays.fill(best, -1);
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            for (int p = window.start(); p < window.end(); p++) {
                int margin = Math.min(p - window.start(), window.end() - 1 - p);
                if (margin > best[p]) {
                    best[p] = margin;
                    owner[p] = w;
                }
            }
        }
        return owner;
    }

    private static boolean startsWord(int[] wordOfPiece, int from, int piece) {
        return piece == from || wordOfPiece[piece] != wordOfPiece[piece - 1];
    }
}
