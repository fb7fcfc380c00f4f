package io.github.meddistill.core.text;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The one way MedDistill settles overlapping spans (of voted entities, dictionary matches, pattern matches): take them
 * best first and keep each one that overlaps none kept before it. Spans are half-open {@code [start, end)}, so spans
 * that only touch do not overlap. O(n log n).
 */
public final class NonOverlapping {

    private NonOverlapping() {
    }

    /**
     * The spans of {@code ranked} (best first) that survive, in text order.
     *
     * @param start the first character of a span
     * @param end the character after its last
     */
    public static <T> List<T> keep(List<T> ranked, ToIntFunction<T> start, ToIntFunction<T> end) {
        NavigableMap<Integer, T> kept = new TreeMap<>();
        for (T span : ranked) {
            int from = start.applyAsInt(span);
            int to = end.applyAsInt(span);
            Map.Entry<Integer, T> before = kept.floorEntry(from);
            Map.Entry<Integer, T> after = kept.ceilingEntry(from);
            boolean free = (before == null || end.applyAsInt(before.getValue()) <= from)
                    && (after == null || after.getKey() >= to);
            if (free) {
                kept.put(from, span);
            }
        }
        return List.copyOf(kept.values());
    }
}
