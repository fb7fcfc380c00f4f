package io.github.meddistill.eval.search;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.MatchMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every subset and rule scored per entity type, ranked best first: higher F1, then more true
 * positives, then fewer teachers, then the rule listed first, then the subset whose teachers come
 * first in the search's teacher order.
 *
 * @param teachers the teachers searched, in order
 * @param mode how spans were matched against gold
 * @param ranked for each entity type, all rows, best first
 * @param elapsed wall time of the search
 */
public record SubsetSearchResult(List<String> teachers, MatchMode mode, Map<EntityType, List<SubsetScore>> ranked,
                                 Duration elapsed) {

    public SubsetSearchResult {
        teachers = List.copyOf(teachers);
        ranked = Map.copyOf(ranked);
    }

    /** The entity types searched. */
    public Set<EntityType> types() {
        return ranked.keySet();
    }

    /** The best subset and rule for {@code type}. */
    public SubsetScore best(EntityType type) {
        List<SubsetScore> rows = ranked.get(type);
        if (rows == null || rows.isEmpty()) {
            throw new NoSuchElementException("no subset was scored for " + type + "; searched types: " + ranked.keySet());
        }
        return rows.get(0);
    }

    /** All rows for {@code type}, best first (empty if the type was not searched). */
    public List<SubsetScore> ranked(EntityType type) {
        return ranked.getOrDefault(type, List.of());
    }

    /**
     * A Markdown table per entity type of the {@code topRows} best rows: rank, rule and teachers, P, R, F1,
     * tp, fp, fn (teacher names and scores only, no note text).
     */
    public String toMarkdown(int topRows) {
        StringBuilder md = new StringBuilder();
        for (Map.Entry<EntityType, List<SubsetScore>> entry : new java.util.TreeMap<>(ranked).entrySet()) {
            md.append("### ").append(entry.getKey()).append(" (").append(entry.getValue().size())
                    .append(" subset-rule pairs, ").append(mode.key()).append(" matching)\n\n")
                    .append("| rank | combination | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|---|\n");
            List<SubsetScore> rows = entry.getValue();
            for (int i = 0; i < Math.min(topRows, rows.size()); i++) {
                SubsetScore row = rows.get(i);
                md.append(String.format(java.util.Locale.ROOT, "| %d | %s | %.3f | %.3f | %.3f | %d | %d | %d |%n", i + 1,
                        row.describe().replace("|", "\\|"), row.score().precision(), row.score().recall(),
                        row.score().f1(), row.score().tp(), row.score().fp(), row.score().fn()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Number of (subset, rule, type) combinations scored. */
    public int combinationsScored() {
        return ranked.values().stream().mapToInt(List::size).sum();
    }
}
