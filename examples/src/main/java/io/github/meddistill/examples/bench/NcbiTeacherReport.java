package io.github.meddistill.examples.bench;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.combine.CorpusCombination;
import io.github.meddistill.core.combine.IntersectionCombiner;
import io.github.meddistill.core.combine.UnionCombiner;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.cost.SystemCost;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.SystemResult;
import io.github.meddistill.examples.teachers.ClinicalPatternTeacher;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.loaders.OboLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The full evaluation report for the teachers available offline on NCBI-disease test (100 abstracts):
 * the DOID dictionary teacher (Disease Ontology through the ontology module's matcher, plural folding,
 * case-sensitive acronyms up to 5 letters), the rule-based {@link ClinicalPatternTeacher}, and their
 * union and intersection (core's combiners). Each teacher's per-note latency is measured (one warm-up
 * pass first); the combinations re-use the teachers' labels and carry no cost. Writes
 * {@code report.json}, {@code report.md} and {@code report.html} (which contains note text) into
 * {@code --out}, prints the score table and, with {@code --json}, one JSON line with each system's
 * strict and lenient F1.
 *
 * <pre>
 * java -cp 'examples/target/meddistill.jar:examples/target/lib/*' \
 *     io.github.meddistill.examples.bench.NcbiTeacherReport --data ../shared/data --out target/ncbi-report --json
 * </pre>
 */
public final class NcbiTeacherReport {

    private NcbiTeacherReport() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("meddistill.shared.data", "../shared/data"));
        Path out = Path.of("ncbi-report");
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--json" -> json = true;
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: NcbiTeacherReport [--data DIR] [--out DIR] [--json]");
                    System.exit(2);
                }
            }
        }
        Path test = data.resolve("ncbi_disease/original-data/test/NCBItestset_corpus.txt");
        Path doidFile = data.resolve("lexicons/doid/doid.obo");
        if (!Files.isRegularFile(test) || !Files.isRegularFile(doidFile)) {
            System.err.println("--data " + data + ": expected " + test + " and " + doidFile);
            System.exit(2);
        }
        List<Annotation> gold = PubTatorReader.builder().build().read(test).toCorpus("ncbi-test").annotations();

        long loadStart = System.nanoTime();
        DictionaryMatcher matcher = DictionaryMatcher.builder().foldPlurals(true).caseSensitiveAcronyms(5)
                .addTerms(OboLoader.builder(EntityType.DISEASE).build().load(doidFile)).build();
        OntologyTeacher doid = OntologyTeacher.builder("doid").addMatcher(matcher).build();
        System.out.printf(Locale.ROOT, "DOID matcher built in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
        Teacher patterns = new ClinicalPatternTeacher("patterns", Set.of(EntityType.DISEASE));

        List<Double> doidLatencies = new ArrayList<>();
        List<Annotation> doidLabels = label(doid, gold, doidLatencies);
        List<Double> patternLatencies = new ArrayList<>();
        List<Annotation> patternLabels = label(patterns, gold, patternLatencies);
        List<List<Annotation>> both = List.of(doidLabels, patternLabels);

        EvaluationReport report = EvaluationReport.builder(gold)
                .title("NCBI-disease test: offline teachers")
                .bootstrap(Bootstrap.defaults())
                .addSystem("doid", "teacher", doidLabels, SystemCost.sequential("doid", doidLatencies, TokenUsage.ZERO, 0))
                .addSystem("patterns", "teacher", patternLabels,
                        SystemCost.sequential("patterns", patternLatencies, TokenUsage.ZERO, 0))
                .addSystem("union", "combination", CorpusCombination.combine(both, new UnionCombiner(), "union"))
                .addSystem("intersection", "combination",
                        CorpusCombination.combine(both, new IntersectionCombiner(), "intersection"))
                .compare("union", "doid")
                .compare("doid", "patterns")
                .build();
        report.writeReports(out);
        System.out.print(report.summaryTable());
        System.out.println("reports (report.html contains note text): " + out.toAbsolutePath());
        if (json) {
            StringBuilder line = new StringBuilder("{\"data\":\"ncbi_disease test\",\"documents\":" + report.documents()
                    + ",\"systems\":[");
            for (int i = 0; i < report.systems().size(); i++) {
                SystemResult system = report.systems().get(i);
                line.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"name\":\"%s\",\"strictF1\":%.4f,\"lenientF1\":%.4f,\"notesPerSecond\":%s}", system.name(),
                        system.scores().micro(MatchMode.STRICT).f1(), system.scores().micro(MatchMode.LENIENT).f1(),
                        system.speedCost().flatMap(s -> s.notesPerSecond().isPresent()
                                ? java.util.Optional.of(String.format(Locale.ROOT, "%.1f", s.notesPerSecond().getAsDouble()))
                                : java.util.Optional.empty()).orElse("null")));
            }
            System.out.println(line.append("]}"));
        }
    }

    /** Labels every document (after one warm-up pass) and records each note's latency in milliseconds. */
    private static List<Annotation> label(Teacher teacher, List<Annotation> gold, List<Double> latencies) {
        gold.forEach(a -> teacher.annotate(a.document()));
        List<Annotation> labels = new ArrayList<>(gold.size());
        for (Annotation annotation : gold) {
            long start = System.nanoTime();
            labels.add(teacher.annotate(annotation.document()).onlyType(EntityType.DISEASE));
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        return labels;
    }
}
