package io.github.meddistill.eval.errors;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.SystemScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The strict false positives and false negatives of one system, per entity type, grouped by surface
 * form and sorted by frequency (then alphabetically). The result contains note text: treat it, and
 * any report made from it, as PHI. Immutable and thread-safe.
 *
 * <pre>{@code
 * ErrorAnalysis errors = ErrorAnalysis.of(scores, 40, 3);
 * errors.groups(EntityType.DISEASE, ErrorKind.FALSE_NEGATIVE).forEach(g -> ...);
 * }</pre>
 */
public final class ErrorAnalysis {

    private final String system;
    private final Map<EntityType, Map<ErrorKind, List<ErrorGroup>>> groups;

    private ErrorAnalysis(String system, Map<EntityType, Map<ErrorKind, List<ErrorGroup>>> groups) {
        this.system = system;
        this.groups = groups;
    }

    /**
     * Collects the errors of {@code scores}.
     *
     * @param contextChars characters of context on each side of an example, at least 0
     * @param examplesPerGroup examples kept per group, at least 1
     */
    public static ErrorAnalysis of(SystemScores scores, int contextChars, int examplesPerGroup) {
        Objects.requireNonNull(scores, "scores");
        if (contextChars < 0) {
            throw new IllegalArgumentException("contextChars must not be negative: contextChars=" + contextChars);
        }
        if (examplesPerGroup < 1) {
            throw new IllegalArgumentException("examplesPerGroup must be at least 1: examplesPerGroup=" + examplesPerGroup);
        }
        Map<EntityType, Map<ErrorKind, Map<String, List<ErrorExample>>>> collected = new TreeMap<>();
        for (EntityType type : scores.types()) {
            Map<ErrorKind, Map<String, List<ErrorExample>>> byKind = new EnumMap<>(ErrorKind.class);
            for (ErrorKind kind : ErrorKind.values()) {
                byKind.put(kind, new LinkedHashMap<>());
            }
            collected.put(type, byKind);
        }
        for (int d = 0; d < scores.documentCount(); d++) {
            Annotation gold = scores.gold().get(d);
            Annotation predicted = scores.predicted().get(d);
            collect(gold, predicted, ErrorKind.FALSE_NEGATIVE, contextChars, collected);
            collect(predicted, gold, ErrorKind.FALSE_POSITIVE, contextChars, collected);
        }
        Map<EntityType, Map<ErrorKind, List<ErrorGroup>>> groups = new LinkedHashMap<>();
        collected.forEach((type, byKind) -> {
            Map<ErrorKind, List<ErrorGroup>> grouped = new EnumMap<>(ErrorKind.class);
            byKind.forEach((kind, bySurface) -> {
                List<ErrorGroup> list = new ArrayList<>();
                bySurface.forEach((surface, examples) -> list.add(new ErrorGroup(type, kind, surface, examples.size(),
                        examples.subList(0, Math.min(examplesPerGroup, examples.size())))));
                list.sort(Comparator.comparingInt((ErrorGroup g) -> -g.count()).thenComparing(ErrorGroup::surfaceForm));
                grouped.put(kind, List.copyOf(list));
            });
            groups.put(type, Map.copyOf(grouped));
        });
        return new ErrorAnalysis(scores.system(), groups);
    }

    /** The system analysed. */
    public String system() {
        return system;
    }

    /** Entity types analysed, in natural order. */
    public List<EntityType> types() {
        return List.copyOf(groups.keySet());
    }

    /** Groups of one type and kind, most frequent first; empty for an unknown type. */
    public List<ErrorGroup> groups(EntityType type, ErrorKind kind) {
        Map<ErrorKind, List<ErrorGroup>> byKind = groups.get(type);
        return byKind == null ? List.of() : byKind.get(kind);
    }

    /** Total number of errors of one type and kind. */
    public int count(EntityType type, ErrorKind kind) {
        return groups(type, kind).stream().mapToInt(ErrorGroup::count).sum();
    }

    /** Case- and whitespace-folded text used to group errors. */
    public static String surfaceForm(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static void collect(Annotation side, Annotation other, ErrorKind kind, int contextChars,
                                Map<EntityType, Map<ErrorKind, Map<String, List<ErrorExample>>>> collected) {
        Set<Entity> otherSpans = new HashSet<>(other.entities());
        String text = side.document().text();
        for (Entity entity : side.entities()) {
            Map<ErrorKind, Map<String, List<ErrorExample>>> byKind = collected.get(entity.type());
            if (byKind == null || otherSpans.contains(entity)) {
                continue;
            }
            ErrorExample example = new ErrorExample(side.documentId(), entity.start(), entity.end(), entity.text(),
                    oneLine(text.substring(Math.max(0, entity.start() - contextChars), entity.start())),
                    oneLine(text.substring(entity.end(), Math.min(text.length(), entity.end() + contextChars))),
                    cause(entity, other));
            byKind.get(kind).computeIfAbsent(surfaceForm(entity.text()), k -> new ArrayList<>()).add(example);
        }
    }

    private static ErrorCause cause(Entity entity, Annotation other) {
        boolean wrongType = false;
        for (Entity candidate : other.entities()) {
            if (candidate.type().equals(entity.type()) && candidate.overlaps(entity)) {
                return ErrorCause.BOUNDARY;
            }
            wrongType |= candidate.start() == entity.start() && candidate.end() == entity.end();
        }
        return wrongType ? ErrorCause.WRONG_TYPE : ErrorCause.UNMATCHED;
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
