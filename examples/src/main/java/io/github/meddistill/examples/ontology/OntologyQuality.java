package io.github.meddistill.examples.ontology;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.ConceptMatch;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.eval.SystemScores;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.SaltForms;
import io.github.meddistill.ontology.Term;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Quality of the ontology teachers against human labels, strict and lenient span P/R/F1:
 * DOID on NCBI-disease (DISEASE), DOID+HPO on BC5CDR Disease, DrugBank+Drugs@FDA on BC5CDR Chemical
 * (MEDICATION). HPO matches are SYMPTOM and count as DISEASE here, because BC5CDR's Disease class
 * includes signs and symptoms. The matcher options (stop-list, plural folding, acronyms) were tuned on
 * the train and development splits only; {@code --errors} lists the most frequent false positives and
 * negatives for that tuning.
 *
 * <pre>{@code
 * java -cp examples/target/meddistill.jar io.github.meddistill.examples.ontology.OntologyQuality ../shared/data test
 * }</pre>
 */
public final class OntologyQuality {

    /** A corpus split, with the file names NCBI-disease and BC5CDR give it. */
    public enum Split {
        TRAIN("train/NCBItrainset_corpus.txt", "CDR_TrainingSet.PubTator.txt"),
        DEVEL("devel/NCBIdevelopset_corpus.txt", "CDR_DevelopmentSet.PubTator.txt"),
        TEST("test/NCBItestset_corpus.txt", "CDR_TestSet.PubTator.txt");

        private final String ncbi;
        private final String bc5cdr;

        Split(String ncbi, String bc5cdr) {
            this.ncbi = ncbi;
            this.bc5cdr = bc5cdr;
        }
    }

    /** One evaluation's scores. */
    public record Row(String evaluation, String split, Score strict, Score lenient) {
    }

    private OntologyQuality() {
    }

    /** The matcher options used by every ontology teacher here (tuned on train/dev). */
    public static DictionaryMatcher.Builder tunedMatcher() {
        return DictionaryMatcher.builder().foldPlurals(true).caseSensitiveAcronyms(5);
    }

    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        Split split = Split.valueOf((args.length > 1 ? args[1] : "test").toUpperCase(Locale.ROOT));
        boolean errors = args.length > 2 && args[2].equals("--errors");
        PrintWriter out = new PrintWriter(System.out, true);
        List<Row> rows = run(data, split, errors, out);
        out.println(table(rows));
        out.flush();
    }

    /** Runs the three evaluations on {@code split}. */
    public static List<Row> run(Path dataDir, Split split, boolean showErrors, PrintWriter out) {
        DictionaryMatcher doid = tunedMatcher().addTerms(OntologyLexicons.doid(dataDir)).build();
        DictionaryMatcher hpo = tunedMatcher().addTerms(OntologyLexicons.hpo(dataDir)).build();
        List<Term> drugTerms = new ArrayList<>(OntologyLexicons.drugBank(dataDir));
        drugTerms.addAll(OntologyLexicons.drugsAtFda(dataDir));
        DictionaryMatcher drugs = tunedMatcher().addTerms(SaltForms.withBaseNames(drugTerms)).build();

        List<Annotation> ncbi = PubTatorReader.builder().build()
                .read(dataDir.resolve("ncbi_disease/original-data").resolve(split.ncbi)).toCorpus("ncbi").annotations();
        List<Annotation> cdr = PubTatorReader.builder().build()
                .read(dataDir.resolve("bc5cdr/original-pubtator").resolve(split.bc5cdr)).toCorpus("bc5cdr")
                .annotations();

        List<Row> rows = new ArrayList<>();
        rows.add(evaluate("DOID on NCBI-disease (DISEASE)", split, ncbi, EntityType.DISEASE,
                OntologyTeacher.builder("doid").addMatcher(doid).build(), showErrors, out));
        rows.add(evaluate("DOID+HPO on BC5CDR Disease (DISEASE)", split, cdr, EntityType.DISEASE,
                OntologyTeacher.builder("doid+hpo").addMatcher(doid).addMatcher(hpo).build(), showErrors, out));
        rows.add(evaluate("DrugBank+Drugs@FDA on BC5CDR Chemical (MEDICATION)", split, cdr, EntityType.MEDICATION,
                OntologyTeacher.builder("drugbank+drugsatfda").addMatcher(drugs).build(), showErrors, out));
        return rows;
    }

    private static Row evaluate(String name, Split split, List<Annotation> gold, EntityType type,
                                OntologyTeacher teacher, boolean showErrors, PrintWriter out) {
        List<Annotation> predicted = new ArrayList<>(gold.size());
        for (Annotation document : gold) {
            List<Entity> entities = new ArrayList<>();
            for (ConceptMatch match : teacher.matches(document.document().text())) {
                entities.add(new Entity(match.start(), match.end(), type, match.text()));
            }
            predicted.add(new Annotation(document.document(), entities, teacher.name()));
        }
        SystemScores scores = SpanEvaluator.score(teacher.name(), gold, predicted, Set.of(type));
        if (showErrors) {
            printErrors(name, gold, predicted, type, out);
        }
        return new Row(name, split.name().toLowerCase(Locale.ROOT), scores.score(MatchMode.STRICT, type),
                scores.score(MatchMode.LENIENT, type));
    }

    /**
     * The most frequent strict false positives (with how often the same text was right, "fp/tp") and
     * false negatives, by lower-cased text: what the stop-list and normalisation are tuned on.
     */
    private static void printErrors(String name, List<Annotation> gold, List<Annotation> predicted, EntityType type,
                                    PrintWriter out) {
        Map<String, int[]> predictions = new HashMap<>();
        Map<String, Integer> falseNegatives = new HashMap<>();
        for (int d = 0; d < gold.size(); d++) {
            Set<List<Integer>> goldSpans = spans(gold.get(d), type);
            Set<List<Integer>> predictedSpans = spans(predicted.get(d), type);
            for (Entity e : predicted.get(d).entities()) {
                int[] counts = predictions.computeIfAbsent(e.text().toLowerCase(Locale.ROOT), k -> new int[2]);
                counts[goldSpans.contains(List.of(e.start(), e.end())) ? 1 : 0]++;
            }
            for (Entity e : gold.get(d).onlyType(type).entities()) {
                if (!predictedSpans.contains(List.of(e.start(), e.end()))) {
                    falseNegatives.merge(e.text().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        String falsePositives = predictions.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(60).map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", "));
        out.println("== " + name + ": top false positives (fp/tp) " + falsePositives);
        out.println("== " + name + ": top false negatives " + top(falseNegatives));
    }

    private static Set<List<Integer>> spans(Annotation annotation, EntityType type) {
        return annotation.onlyType(type).entities().stream().map(e -> List.of(e.start(), e.end()))
                .collect(Collectors.toSet());
    }

    private static Map<String, Integer> top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).limit(40)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("| evaluation | split | strict P | strict R | strict F1 | lenient P"
                + " | lenient R | lenient F1 |\n|---|---|---|---|---|---|---|---|\n");
        Function<Double, String> f = v -> String.format(Locale.ROOT, "%.3f", v);
        for (Row row : rows) {
            table.append("| ").append(row.evaluation()).append(" | ").append(row.split())
                    .append(" | ").append(f.apply(row.strict().precision()))
                    .append(" | ").append(f.apply(row.strict().recall()))
                    .append(" | ").append(f.apply(row.strict().f1()))
                    .append(" | ").append(f.apply(row.lenient().precision()))
                    .append(" | ").append(f.apply(row.lenient().recall()))
                    .append(" | ").append(f.apply(row.lenient().f1())).append(" |\n");
        }
        return table.toString();
    }
}
