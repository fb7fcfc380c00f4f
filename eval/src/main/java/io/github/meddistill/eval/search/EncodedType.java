package io.github.meddistill.eval.search;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one entity type, integer-encoded once for all subsets: per document, the distinct
 * candidate spans of all teachers (ordered longest first, then by start), with bit masks of the
 * teachers that have each span exactly and of those that have an overlapping span, and the gold spans.
 */
final class EncodedType {

    final EntityType type;
    final int documents;
    final int[] candidateOffset;
    final int[] start;
    final int[] end;
    final long[] exactTeachers;
    final long[] overlappingTeachers;
    final boolean[] inGold;
    final int[] goldOffset;
    final int[] goldStart;
    final int[] goldEnd;
    final long goldTotal;
    final int maxCandidatesPerDocument;

    /**
     * @param teachers for each teacher, its annotations aligned with {@code gold} by index
     */
    EncodedType(EntityType type, List<List<Annotation>> teachers, List<Annotation> gold) {
        this.type = type;
        this.documents = gold.size();
        candidateOffset = new int[documents + 1];
        goldOffset = new int[documents + 1];
        List<long[]> candidates = new ArrayList<>();
        List<int[]> goldSpans = new ArrayList<>();
        int max = 0;
        for (int d = 0; d < documents; d++) {
            Map<Long, Integer> index = new HashMap<>();
            List<long[]> docCandidates = new ArrayList<>();
            List<int[][]> teacherSpans = new ArrayList<>();
            for (int t = 0; t < teachers.size(); t++) {
                List<int[]> spans = new ArrayList<>();
                for (Entity e : teachers.get(t).get(d).entities()) {
                    if (!e.type().equals(type)) {
                        continue;
                    }
                    spans.add(new int[] {e.start(), e.end()});
                    long key = ((long) e.start() << 32) | e.end();
                    Integer c = index.get(key);
                    if (c == null) {
                        index.put(key, docCandidates.size());
                        docCandidates.add(new long[] {e.start(), e.end(), 1L << t, 0, 0});
                    } else {
                        docCandidates.get(c)[2] |= 1L << t;
                    }
                }
                teacherSpans.add(spans.toArray(new int[0][]));
            }
            List<int[]> docGold = new ArrayList<>();
            java.util.Set<Long> goldKeys = new java.util.HashSet<>();
            for (Entity e : gold.get(d).entities()) {
                if (e.type().equals(type)) {
                    docGold.add(new int[] {e.start(), e.end()});
                    goldKeys.add(((long) e.start() << 32) | e.end());
                }
            }
            for (long[] candidate : docCandidates) {
                long overlapping = 0;
                for (int t = 0; t < teacherSpans.size(); t++) {
                    for (int[] span : teacherSpans.get(t)) {
                        if (span[0] < candidate[1] && candidate[0] < span[1]) {
                            overlapping |= 1L << t;
                            break;
                        }
                    }
                }
                candidate[3] = overlapping;
                candidate[4] = goldKeys.contains((candidate[0] << 32) | candidate[1]) ? 1 : 0;
            }
            docCandidates.sort((a, b) -> a[1] - a[0] != b[1] - b[0]
                    ? Long.compare(b[1] - b[0], a[1] - a[0]) : Long.compare(a[0], b[0]));
            docGold.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
            candidates.addAll(docCandidates);
            goldSpans.addAll(docGold);
            candidateOffset[d + 1] = candidates.size();
            goldOffset[d + 1] = goldSpans.size();
            max = Math.max(max, docCandidates.size());
        }
        int n = candidates.size();
        start = new int[n];
        end = new int[n];
        exactTeachers = new long[n];
        overlappingTeachers = new long[n];
        inGold = new boolean[n];
        for (int c = 0; c < n; c++) {
            long[] candidate = candidates.get(c);
            start[c] = (int) candidate[0];
            end[c] = (int) candidate[1];
            exactTeachers[c] = candidate[2];
            overlappingTeachers[c] = candidate[3];
            inGold[c] = candidate[4] == 1;
        }
        goldStart = goldSpans.stream().mapToInt(s -> s[0]).toArray();
        goldEnd = goldSpans.stream().mapToInt(s -> s[1]).toArray();
        goldTotal = goldStart.length;
        maxCandidatesPerDocument = max;
    }

    @Override
    public String toString() {
        return "EncodedType[type=" + type + ", documents=" + documents + ", candidates=" + start.length
                + ", gold=" + goldTotal + "]";
    }
}
