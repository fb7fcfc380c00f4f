package io.github.meddistill.eval;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.eval.internal.DocumentAlignment;
import io.github.meddistill.eval.internal.OverlapMatching;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Scores predicted spans against gold spans, strict and lenient (see {@link MatchMode}).
 *
 * <p>Documents are matched by id; a document missing on either side, present twice, or with a
 * different text is an error that names it. Duplicate predictions count once (an {@link Annotation}
 * holds each mention once). Stateless and thread-safe.
 *
 * <p>As an extra view, token-level scores compare {@link LabelSchemes#BIO} tags over
 * {@link WordTokenizer} tokens: per type, a token is a true positive when gold and prediction carry
 * the same tag of that type ({@code B-X} or {@code I-X}), a false positive when the prediction's tag
 * of that type differs from gold's, a false negative when gold's tag of that type differs from the
 * prediction's. Nested or overlapping spans are flattened as the BIO encoder does (longest first).
 *
 * <pre>{@code
 * SystemScores scores = SpanEvaluator.score("gpt-4o", gold, predictions);
 * double f1 = scores.micro(MatchMode.STRICT).f1();
 * }</pre>
 */
public final class SpanEvaluator {

    private SpanEvaluator() {
    }

    /**
     * Scores {@code predicted} against {@code gold} on every entity type either side uses.
     *
     * @throws IllegalArgumentException if there are no documents or the two sides do not cover the same documents
     */
    public static SystemScores score(String system, List<Annotation> gold, List<Annotation> predicted) {
        SortedSet<EntityType> types = new TreeSet<>();
        collectTypes(gold, types);
        collectTypes(predicted, types);
        return score(system, gold, predicted, types);
    }

    /**
     * Scores only the given entity types; mentions of other types are ignored on both sides.
     *
     * @throws IllegalArgumentException if there are no documents or the two sides do not cover the same documents
     */
    public static SystemScores score(String system, List<Annotation> gold, List<Annotation> predicted,
                                     Collection<EntityType> types) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        List<EntityType> typeList = List.copyOf(new TreeSet<>(types));
        DocumentAlignment aligned = DocumentAlignment.align(gold, predicted, system);
        if (aligned.gold().isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate for " + system + ": no documents");
        }
        int modes = MatchMode.values().length;
        int width = modes * typeList.size() * 3;
        long[] counts = new long[aligned.gold().size() * width];
        for (int d = 0; d < aligned.gold().size(); d++) {
            List<Entity> goldEntities = aligned.gold().get(d).entities();
            List<Entity> predictedEntities = aligned.predicted().get(d).entities();
            for (int t = 0; t < typeList.size(); t++) {
                EntityType type = typeList.get(t);
                List<Entity> g = goldEntities.stream().filter(e -> e.type().equals(type)).toList();
                List<Entity> p = predictedEntities.stream().filter(e -> e.type().equals(type)).toList();
                int strict = strictMatches(g, p);
                int lenient = lenientMatches(g, p);
                int strictBase = d * width + (MatchMode.STRICT.ordinal() * typeList.size() + t) * 3;
                int lenientBase = d * width + (MatchMode.LENIENT.ordinal() * typeList.size() + t) * 3;
                put(counts, strictBase, strict, p.size() - strict, g.size() - strict);
                put(counts, lenientBase, lenient, p.size() - lenient, g.size() - lenient);
            }
        }
        return new SystemScores(system, aligned.gold(), aligned.predicted(), typeList, counts);
    }

    /** Exact (start, end) matches between two duplicate-free lists of one type. */
    static int strictMatches(List<Entity> gold, List<Entity> predicted) {
        Set<Entity> goldSet = new HashSet<>(gold);
        int matches = 0;
        for (Entity entity : new HashSet<>(predicted)) {
            if (goldSet.contains(entity)) {
                matches++;
            }
        }
        return matches;
    }

    /** Size of a maximum one-to-one matching of overlapping spans between two lists of one type. */
    static int lenientMatches(List<Entity> gold, List<Entity> predicted) {
        List<Entity> g = List.copyOf(new TreeSet<>(gold));
        List<Entity> p = List.copyOf(new TreeSet<>(predicted));
        return OverlapMatching.maximumMatching(starts(g), ends(g), g.size(), starts(p), ends(p), p.size());
    }

    /** Token-level BIO counts per type and kind ({@code [type * 3 + kind]}), summed over aligned documents. */
    static long[] tokenCounts(List<Annotation> gold, List<Annotation> predicted, List<EntityType> types) {
        long[] tokenCounts = new long[types.size() * 3];
        WordTokenizer tokenizer = new WordTokenizer();
        for (int d = 0; d < gold.size(); d++) {
            countTokens(gold.get(d), predicted.get(d), types, tokenizer, tokenCounts);
        }
        return tokenCounts;
    }

    private static void countTokens(Annotation gold, Annotation predicted, List<EntityType> types, WordTokenizer tokenizer,
                                    long[] tokenCounts) {
        List<Token> tokens = tokenizer.tokenize(gold.document().text());
        LabelScheme bio = LabelSchemes.BIO;
        List<String> goldTags = bio.encode(ofTypes(gold.entities(), types), tokens);
        List<String> predictedTags = bio.encode(ofTypes(predicted.entities(), types), tokens);
        for (int i = 0; i < tokens.size(); i++) {
            String g = goldTags.get(i);
            String p = predictedTags.get(i);
            if (g.equals(p)) {
                if (!g.equals(LabelScheme.OUTSIDE)) {
                    tokenCounts[typeIndex(g, types) * 3 + SystemScores.TP]++;
                }
                continue;
            }
            if (!p.equals(LabelScheme.OUTSIDE)) {
                tokenCounts[typeIndex(p, types) * 3 + SystemScores.FP]++;
            }
            if (!g.equals(LabelScheme.OUTSIDE)) {
                tokenCounts[typeIndex(g, types) * 3 + SystemScores.FN]++;
            }
        }
    }

    private static List<Entity> ofTypes(List<Entity> entities, List<EntityType> types) {
        return entities.stream().filter(e -> types.contains(e.type())).toList();
    }

    /** Index of the type of a {@code B-X} / {@code I-X} tag. */
    private static int typeIndex(String tag, List<EntityType> types) {
        return types.indexOf(EntityType.of(tag.substring(2)));
    }

    private static void put(long[] counts, int base, long tp, long fp, long fn) {
        counts[base + SystemScores.TP] = tp;
        counts[base + SystemScores.FP] = fp;
        counts[base + SystemScores.FN] = fn;
    }

    private static int[] starts(List<Entity> entities) {
        return entities.stream().mapToInt(Entity::start).toArray();
    }

    private static int[] ends(List<Entity> entities) {
        return entities.stream().mapToInt(Entity::end).toArray();
    }

    private static void collectTypes(List<Annotation> annotations, Set<EntityType> types) {
        for (Annotation annotation : Objects.requireNonNull(annotations, "annotations")) {
            annotation.entities().forEach(e -> types.add(e.type()));
        }
    }
}
