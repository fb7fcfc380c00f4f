package io.github.meddistill.eval.report;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.FileException;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.pipeline.Evaluation;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.PairedComparison;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.eval.SystemScores;
import io.github.meddistill.eval.cost.SpeedCost;
import io.github.meddistill.eval.cost.SpeedCostRatio;
import io.github.meddistill.eval.cost.SystemCost;
import io.github.meddistill.eval.errors.ErrorAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The evaluation of several systems on the same gold documents: scores with bootstrap intervals,
 * speed and cost, ratios between systems, paired tests and error lists, rendered as JSON
 * ({@link #toJson()}, schema in {@link JsonReport}), Markdown ({@link #toMarkdown()}) and a single
 * self-contained HTML page with inline SVG charts ({@link #toHtml()}; no JavaScript, no external
 * resources, opens offline).
 *
 * <p><b>Reports contain note text</b> (error lists with context): treat them as PHI and write them
 * only where the user points ({@link #writeReports(Path)} writes nothing else). Immutable and thread-safe.
 *
 * <pre>{@code
 * EvaluationReport report = EvaluationReport.builder(gold).title("NCBI-disease test")
 *         .addSystem("doid", "teacher", doidPredictions, doidCost)
 *         .addSystem("student", "student", studentPredictions, studentCost)
 *         .build();
 * report.writeReports(Path.of("reports"));
 * }</pre>
 */
public final class EvaluationReport implements Evaluation {

    /** File names written by {@link #writeReports(Path)}. */
    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";
    public static final String HTML_FILE = "report.html";

    private final String title;
    private final int documents;
    private final List<EntityType> types;
    private final Bootstrap bootstrap;
    private final List<SystemResult> systems;
    private final List<SpeedCostRatio> ratios;
    private final List<PairedComparison> pairedTests;
    private final int maxErrorGroups;

    private EvaluationReport(Builder builder, List<SystemResult> systems, List<SpeedCostRatio> ratios,
                             List<PairedComparison> pairedTests, List<EntityType> types) {
        this.title = builder.title;
        this.documents = builder.gold.size();
        this.types = List.copyOf(types);
        this.bootstrap = builder.bootstrap;
        this.systems = List.copyOf(systems);
        this.ratios = List.copyOf(ratios);
        this.pairedTests = List.copyOf(pairedTests);
        this.maxErrorGroups = builder.maxErrorGroups;
    }

    /** A report over {@code gold}; every system added must cover the same documents. */
    public static Builder builder(List<Annotation> gold) {
        return new Builder(gold);
    }

    public String title() {
        return title;
    }

    /** Number of gold documents. */
    public int documents() {
        return documents;
    }

    /** Entity types of gold and of every system, in natural order. */
    public List<EntityType> types() {
        return types;
    }

    public Bootstrap bootstrap() {
        return bootstrap;
    }

    /** The systems, in the order they were added. */
    public List<SystemResult> systems() {
        return systems;
    }

    /** Speed and cost ratios for every ordered pair of systems with a measured cost. */
    public List<SpeedCostRatio> ratios() {
        return ratios;
    }

    /** The paired bootstrap tests. */
    public List<PairedComparison> pairedTests() {
        return pairedTests;
    }

    /** Error groups shown per system, type and kind in HTML and JSON. */
    public int maxErrorGroups() {
        return maxErrorGroups;
    }

    /** The JSON report (schema in {@link JsonReport}), one line. Contains note text. */
    public String toJson() {
        return JsonReport.render(this);
    }

    /** Markdown tables: scores with intervals, speed and cost, ratios, paired tests (no note text). */
    public String toMarkdown() {
        return MarkdownReport.render(this);
    }

    /** One self-contained HTML page with inline SVG charts and the error lists. Contains note text. */
    public String toHtml() {
        return HtmlReport.render(this);
    }

    @Override
    public String summaryTable() {
        return MarkdownReport.scoreTable(this);
    }

    /**
     * Writes {@value #JSON_FILE}, {@value #MARKDOWN_FILE} and {@value #HTML_FILE} into {@code directory},
     * creating it if needed.
     *
     * @throws FileException naming the file that could not be written
     */
    @Override
    public void writeReports(Path directory) {
        Objects.requireNonNull(directory, "directory");
        write(directory, JSON_FILE, toJson());
        write(directory, MARKDOWN_FILE, toMarkdown());
        write(directory, HTML_FILE, toHtml());
    }

    private static void write(Path directory, String name, String content) {
        Path file = directory.resolve(name);
        try {
            AtomicFiles.writeString(file, content);
        } catch (IOException e) {
            throw new FileException(file, "cannot write the report", e);
        }
    }

    /** Builds an {@link EvaluationReport}; not thread-safe. */
    public static final class Builder {

        private final List<Annotation> gold;
        private final Map<String, PendingSystem> systems = new LinkedHashMap<>();
        private final List<String[]> comparisons = new ArrayList<>();
        private String title = "MedDistill evaluation";
        private Bootstrap bootstrap = Bootstrap.builder().build();
        private int errorContextChars = 40;
        private int examplesPerGroup = 3;
        private int maxErrorGroups = 25;

        private Builder(List<Annotation> gold) {
            this.gold = List.copyOf(Objects.requireNonNull(gold, "gold"));
        }

        /** Heading of the reports (default "MedDistill evaluation"). */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Resamples, seed and level of the intervals and paired tests (default: 1,000, seed 42, 95%). */
        public Builder bootstrap(Bootstrap bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** Characters of context shown on each side of an error (default 40). */
        public Builder errorContextChars(int errorContextChars) {
            this.errorContextChars = errorContextChars;
            return this;
        }

        /** Examples kept per error group (default 3). */
        public Builder examplesPerGroup(int examplesPerGroup) {
            this.examplesPerGroup = examplesPerGroup;
            return this;
        }

        /** Error groups shown per system, type and kind (default 25). */
        public Builder maxErrorGroups(int maxErrorGroups) {
            this.maxErrorGroups = maxErrorGroups;
            return this;
        }

        /**
         * Adds a system without speed and cost.
         *
         * @param role free text such as {@code teacher}, {@code combination}, {@code student}
         */
        public Builder addSystem(String name, String role, List<Annotation> predictions) {
            return addSystem(name, role, predictions, null);
        }

        /**
         * Adds a system with its measured speed and cost ({@code cost} may be null: not measured).
         *
         * @throws IllegalArgumentException if a system of that name was already added
         */
        public Builder addSystem(String name, String role, List<Annotation> predictions, SystemCost cost) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(predictions, "predictions");
            if (systems.containsKey(name)) {
                throw new IllegalArgumentException("system " + name + " was added twice");
            }
            systems.put(name, new PendingSystem(role, List.copyOf(predictions), cost));
            return this;
        }

        /**
         * Adds a paired bootstrap test of "{@code systemA} is better than {@code systemB}". Without any,
         * every pair is tested, earlier-added system as A.
         */
        public Builder compare(String systemA, String systemB) {
            comparisons.add(new String[] {Objects.requireNonNull(systemA, "systemA"), Objects.requireNonNull(systemB, "systemB")});
            return this;
        }

        /**
         * Scores every system and assembles the report.
         *
         * @throws IllegalArgumentException naming the bad field, the system, or the document that does not match
         */
        public EvaluationReport build() {
            SettingsCheck check = SettingsCheck.of("the evaluation report");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(bootstrap, "bootstrap");
            check.require(!systems.isEmpty(), "systems: a report needs at least one system");
            check.require(errorContextChars >= 0, "errorContextChars must not be negative: " + errorContextChars);
            check.require(examplesPerGroup >= 1, "examplesPerGroup must be at least 1: " + examplesPerGroup);
            check.require(maxErrorGroups >= 0, "maxErrorGroups must not be negative: " + maxErrorGroups);
            check.throwIfAny();
            SortedSet<EntityType> types = new TreeSet<>();
            gold.forEach(a -> a.entities().forEach(e -> types.add(e.type())));
            systems.values().forEach(s -> s.predictions.forEach(a -> a.entities().forEach(e -> types.add(e.type()))));

            Map<String, SystemResult> results = new LinkedHashMap<>();
            systems.forEach((name, pending) -> {
                SystemScores scores = SpanEvaluator.score(name, gold, pending.predictions, types);
                Optional<SpeedCost> speedCost = Optional.ofNullable(pending.cost).map(SpeedCost::of);
                results.put(name, new SystemResult(pending.role, scores, bootstrap.intervals(scores), speedCost,
                        ErrorAnalysis.of(scores, errorContextChars, examplesPerGroup),
                        ContextSummary.of(pending.predictions)));
            });

            List<SpeedCostRatio> ratios = new ArrayList<>();
            for (SystemResult a : results.values()) {
                for (SystemResult b : results.values()) {
                    if (a != b && a.speedCost().isPresent() && b.speedCost().isPresent()) {
                        ratios.add(SpeedCostRatio.of(a.speedCost().get(), b.speedCost().get()));
                    }
                }
            }

            List<String[]> pairs = new ArrayList<>(comparisons);
            if (pairs.isEmpty()) {
                List<String> names = List.copyOf(results.keySet());
                for (int i = 0; i < names.size(); i++) {
                    for (int j = i + 1; j < names.size(); j++) {
                        pairs.add(new String[] {names.get(i), names.get(j)});
                    }
                }
            }
            List<PairedComparison> tests = new ArrayList<>();
            for (String[] pair : pairs) {
                tests.add(bootstrap.compare(result(results, pair[0]).scores(), result(results, pair[1]).scores()));
            }
            return new EvaluationReport(this, List.copyOf(results.values()), ratios, tests, List.copyOf(types));
        }

        private static SystemResult result(Map<String, SystemResult> results, String name) {
            SystemResult result = results.get(name);
            if (result == null) {
                throw new IllegalArgumentException("compare: no system named " + name + "; systems: " + results.keySet());
            }
            return result;
        }

        private record PendingSystem(String role, List<Annotation> predictions, SystemCost cost) {
        }
    }
}
