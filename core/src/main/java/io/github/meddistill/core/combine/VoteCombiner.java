package io.github.meddistill.core.combine;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.text.NonOverlapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Combination by voting, the common ground of union, intersection, k-of-n majority and weighted vote.
 *
 * <p>For one document: the candidates are the distinct spans (start, end, type) of all sources.
 * Each source whose annotation agrees with a candidate (per {@link #matching()}) adds its
 * {@link #weight(String) weight} to the candidate's votes; a candidate is kept when its votes reach
 * {@link #requiredVotes(int)} (with a tolerance of {@value #TOLERANCE} for rounding). The kept spans
 * then go through the {@link #overlapPolicy()}. The defaults are {@link SpanMatching#EXACT} and
 * {@link OverlapPolicy#LONGEST_WINS}.
 *
 * <p>The set of implementations is closed so that tools such as the teacher-subset search can
 * evaluate any vote rule from its parameters without building annotations. Instances are immutable
 * and thread-safe.
 */
public abstract sealed class VoteCombiner implements Combiner
        permits UnionCombiner, IntersectionCombiner, MajorityVoteCombiner, WeightedVoteCombiner {

    /** Allowed shortfall of the summed votes below {@link #requiredVotes(int)}, for floating-point sums. */
    public static final double TOLERANCE = 1e-9;

    /** Spans ranked for the greedy overlap resolution; see {@link OverlapPolicy}. */
    private static final Comparator<VotedSpan> BY_LENGTH = Comparator.comparingInt((VotedSpan s) -> -s.entity().length());
    private static final Comparator<VotedSpan> BY_VOTES = Comparator.comparingDouble((VotedSpan s) -> -s.votes());
    private static final Comparator<VotedSpan> BY_RANK = Comparator.comparingInt(VotedSpan::firstSource);
    private static final Comparator<VotedSpan> TIE_BREAK = Comparator.comparingInt((VotedSpan s) -> s.entity().start())
            .thenComparing(s -> s.entity().type());

    private final SpanMatching matching;
    private final OverlapPolicy overlapPolicy;

    VoteCombiner(SpanMatching matching, OverlapPolicy overlapPolicy) {
        this.matching = Objects.requireNonNull(matching, "matching");
        this.overlapPolicy = Objects.requireNonNull(overlapPolicy, "overlapPolicy");
    }

    /** When a source's span counts as a vote for a candidate. */
    public final SpanMatching matching() {
        return matching;
    }

    /** What happens to kept spans that overlap. */
    public final OverlapPolicy overlapPolicy() {
        return overlapPolicy;
    }

    /**
     * The vote weight of {@code source}.
     *
     * @throws IllegalArgumentException if this rule has no weight for that source
     */
    public abstract double weight(String source);

    /**
     * The votes (summed weights) a span needs when {@code sourceCount} sources are combined.
     *
     * @throws IllegalArgumentException if the rule cannot be applied to that many sources
     */
    public abstract double requiredVotes(int sourceCount);

    /** Whether {@code votes} reach {@code required}, allowing {@link #TOLERANCE} for rounding. */
    public static boolean passes(double votes, double required) {
        return votes >= required - TOLERANCE;
    }

    /** The rule's name without the matching and policy, e.g. {@code "union"}. */
    abstract String baseName();

    @Override
    public final String name() {
        if (matching == SpanMatching.EXACT && overlapPolicy == OverlapPolicy.LONGEST_WINS) {
            return baseName();
        }
        return baseName() + "[" + matching.name().toLowerCase(java.util.Locale.ROOT) + ","
                + overlapPolicy.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    @Override
    public final Annotation combine(List<Annotation> annotations, String source) {
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(source, "source");
        Document document = commonDocument(annotations);
        double required = requiredVotes(annotations.size());
        double[] weights = new double[annotations.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight(annotations.get(i).source());
        }

        Map<Entity, Integer> firstSource = new LinkedHashMap<>();
        for (int i = 0; i < annotations.size(); i++) {
            for (Entity entity : annotations.get(i).entities()) {
                firstSource.putIfAbsent(entity, i);
            }
        }
        List<VotedSpan> kept = new ArrayList<>();
        for (Map.Entry<Entity, Integer> candidate : firstSource.entrySet()) {
            double votes = 0;
            for (int i = 0; i < annotations.size(); i++) {
                if (agrees(annotations.get(i), candidate.getKey())) {
                    votes += weights[i];
                }
            }
            if (passes(votes, required)) {
                kept.add(new VotedSpan(candidate.getKey(), votes, candidate.getValue()));
            }
        }
        return new Annotation(document, resolveOverlaps(kept), source);
    }

    private boolean agrees(Annotation annotation, Entity candidate) {
        for (Entity entity : annotation.entities()) {
            boolean sameType = entity.type().equals(candidate.type());
            if (matching == SpanMatching.EXACT ? entity.equals(candidate) : sameType && entity.overlaps(candidate)) {
                return true;
            }
        }
        return false;
    }

    private List<Entity> resolveOverlaps(List<VotedSpan> spans) {
        if (overlapPolicy == OverlapPolicy.KEEP_ALL) {
            return spans.stream().map(VotedSpan::entity).toList();
        }
        Comparator<VotedSpan> order = switch (overlapPolicy) {
            case LONGEST_WINS -> BY_LENGTH.thenComparing(BY_VOTES);
            case MOST_VOTES -> BY_VOTES.thenComparing(BY_LENGTH);
            case SOURCE_PRIORITY -> BY_RANK.thenComparing(BY_LENGTH).thenComparing(BY_VOTES);
            case KEEP_ALL -> throw new IllegalStateException("handled above");
        };
        List<Entity> ranked = spans.stream().sorted(order.thenComparing(TIE_BREAK)).map(VotedSpan::entity).toList();
        return NonOverlapping.keep(ranked, Entity::start, Entity::end);
    }

    private static Document commonDocument(List<Annotation> annotations) {
        if (annotations.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine: the list of annotations is empty");
        }
        Document document = annotations.get(0).document();
        Set<String> sources = new HashSet<>();
        for (Annotation annotation : annotations) {
            Objects.requireNonNull(annotation, "annotation");
            Document other = annotation.document();
            if (!other.id().equals(document.id())) {
                throw new IllegalArgumentException("annotations of different documents cannot be combined: '"
                        + document.id() + "' and '" + other.id() + "' (source " + annotation.source() + ")");
            }
            if (!other.text().equals(document.text())) {
                throw new IllegalArgumentException("source " + annotation.source() + " annotated a different text for"
                        + " document '" + document.id() + "' (length " + other.text().length() + " instead of "
                        + document.text().length() + ")");
            }
            if (!sources.add(annotation.source())) {
                throw new IllegalArgumentException("source " + annotation.source() + " appears twice among the"
                        + " annotations of document '" + document.id() + "'");
            }
        }
        return document;
    }

    @Override
    public String toString() {
        return name();
    }

    /** A candidate that passed the vote, with its votes and the position of the first source that has it. */
    private record VotedSpan(Entity entity, double votes, int firstSource) {
    }
}
