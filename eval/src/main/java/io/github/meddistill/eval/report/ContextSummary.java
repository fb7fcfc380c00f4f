package io.github.meddistill.eval.report;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.LinkedConcept;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The clinical context a system's predictions carry: how many entities an assertion step decided and how many of
 * them are negated, uncertain, hypothetical, historical or of another experiencer, and how many were linked to a
 * concept, per concept source of the best concept. Counts only: the gold sets carry no assertion, so nothing here
 * is a score.
 *
 * @param entities predicted entities
 * @param assessed entities whose assertion is not {@link Assertion#UNKNOWN}
 * @param negated entities with {@code negated} YES
 * @param uncertain entities with {@code uncertain} YES
 * @param hypothetical entities with {@code hypothetical} YES
 * @param historical entities with {@code historical} YES
 * @param family entities whose experiencer is {@link Experiencer#FAMILY}
 * @param otherExperiencer entities whose experiencer is {@link Experiencer#OTHER}
 * @param linked entities with at least one concept
 * @param linkedBySource linked entities per source of their best concept (e.g. {@code DOID}), sorted by source
 */
public record ContextSummary(int entities, int assessed, int negated, int uncertain, int hypothetical, int historical,
                             int family, int otherExperiencer, int linked, Map<String, Integer> linkedBySource) {

    /** The names of {@link #counts()}, in their order: the columns of the reports' context tables. */
    public static final List<String> COUNT_NAMES = List.of("entities", "assessed", "negated", "uncertain",
            "hypothetical", "historical", "family", "other experiencer", "linked");

    public ContextSummary {
        linkedBySource = Map.copyOf(Objects.requireNonNull(linkedBySource, "linkedBySource"));
    }

    /** Every count but {@link #linkedBySource}, in the order of {@link #COUNT_NAMES}. */
    public List<Integer> counts() {
        return List.of(entities, assessed, negated, uncertain, hypothetical, historical, family, otherExperiencer,
                linked);
    }

    /** {@link #linkedBySource} as text, by source: {@code "DOID 12, HPO 3"} ({@code ""} when nothing was linked). */
    public String linkedBySourceText() {
        return new TreeMap<>(linkedBySource).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The counts over {@code predictions}, or empty when no entity carries an assertion or a concept. */
    public static Optional<ContextSummary> of(List<Annotation> predictions) {
        int entities = 0;
        int assessed = 0;
        int negated = 0;
        int uncertain = 0;
        int hypothetical = 0;
        int historical = 0;
        int family = 0;
        int other = 0;
        int linked = 0;
        Map<String, Integer> bySource = new TreeMap<>();
        for (Annotation annotation : predictions) {
            for (Entity entity : annotation.entities()) {
                entities++;
                Assertion a = entity.assertion();
                if (!a.isUnknown()) {
                    assessed++;
                    negated += a.negated().isYes() ? 1 : 0;
                    uncertain += a.uncertain().isYes() ? 1 : 0;
                    hypothetical += a.hypothetical().isYes() ? 1 : 0;
                    historical += a.historical().isYes() ? 1 : 0;
                    family += a.experiencer() == Experiencer.FAMILY ? 1 : 0;
                    other += a.experiencer() == Experiencer.OTHER ? 1 : 0;
                }
                List<LinkedConcept> concepts = entity.concepts();
                if (!concepts.isEmpty()) {
                    linked++;
                    bySource.merge(concepts.get(0).source(), 1, Integer::sum);
                }
            }
        }
        if (assessed == 0 && linked == 0) {
            return Optional.empty();
        }
        return Optional.of(new ContextSummary(entities, assessed, negated, uncertain, hypothetical, historical, family,
                other, linked, bySource));
    }
}
