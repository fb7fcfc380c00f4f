package io.github.meddistill.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.combine.CombinationRules;
import io.github.meddistill.core.combine.Combiner;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.eval.search.SubsetScore;
import io.github.meddistill.eval.search.SubsetSearchResult;
import io.github.meddistill.eval.search.TeacherSubsetSearch;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Teacher-subset search speed on NCBI-disease dev (100 abstracts, 707 gold mentions) with k synthetic
 * teachers made from the gold labels by seeded noise: each teacher drops mentions, shifts boundaries by
 * a word and adds spurious one-word mentions, at its own rates. For k = 2 .. K it times the search
 * (integer-encoded vote rules, median of 5 runs after 2 warm-ups) against a baseline in the same run:
 * the same search with the rules hidden behind a plain {@link Combiner}, so that every subset and rule
 * is applied by building annotations ({@code CorpusCombination}) and scoring them ({@link SpanEvaluator});
 * the baseline runs once per k (up to {@code --baseline-max-k}). Both must pick the same best subset.
 *
 * <pre>
 * java -cp 'examples/target/meddistill.jar:examples/target/lib/*' \
 *     io.github.meddistill.examples.bench.SubsetSearchBenchmark --data ../shared/data --teachers 10 --json
 * </pre>
 */
public final class SubsetSearchBenchmark {

    private static final int WARMUPS = 2;
    private static final int RUNS = 5;

    private SubsetSearchBenchmark() {
    }

    /** One row: k teachers. */
    public record Row(int teachers, int subsets, int subsetRulePairs, double fastMillis, double baselineMillis,
                      String best, double bestF1) {
    }

    public static void main(String[] args) {
        Path data = Path.of(System.getProperty("meddistill.shared.data", "../shared/data"));
        int teachers = 10;
        int baselineMaxK = 10;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--teachers" -> teachers = Integer.parseInt(args[++i]);
                case "--baseline-max-k" -> baselineMaxK = Integer.parseInt(args[++i]);
                case "--json" -> json = true;
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: SubsetSearchBenchmark [--data DIR] [--teachers K] [--baseline-max-k K] [--json]");
                    System.exit(2);
                }
            }
        }
        Path dev = data.resolve("ncbi_disease/original-data/devel/NCBIdevelopset_corpus.txt");
        if (!Files.isRegularFile(dev)) {
            System.err.println("--data " + data + ": expected " + dev + " (NCBI-disease dev, PubTator)");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        List<Row> rows = run(dev, teachers, baselineMaxK, out);
        out.print(table(rows));
        if (json) {
            out.println(json(rows, teachers));
        }
        out.flush();
    }

    /** Runs the benchmark for k = 2 .. {@code maxTeachers}; progress lines go to {@code out}. */
    public static List<Row> run(Path ncbiDev, int maxTeachers, int baselineMaxK, PrintWriter out) {
        List<Annotation> gold = PubTatorReader.builder().build().read(ncbiDev).annotations();
        Map<String, List<Annotation>> all = syntheticTeachers(gold, maxTeachers, 20261125L);
        out.printf(Locale.ROOT, "NCBI-disease dev: %d documents, %d gold mentions; %d synthetic teachers%n", gold.size(),
                gold.stream().mapToInt(a -> a.entities().size()).sum(), maxTeachers);
        all.forEach((name, annotations) -> out.printf(Locale.ROOT, "  %s: strict F1 %.3f%n", name,
                SpanEvaluator.score(name, gold, annotations).micro(MatchMode.STRICT).f1()));
        TeacherSubsetSearch fast = TeacherSubsetSearch.builder().build();
        TeacherSubsetSearch baseline = TeacherSubsetSearch.builder()
                .rules(n -> CombinationRules.standard(n).stream().map(SubsetSearchBenchmark::opaque).toList()).build();
        List<EntityType> types = List.of(EntityType.DISEASE);
        List<Row> rows = new ArrayList<>();
        for (int k = 2; k <= maxTeachers; k++) {
            Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
            all.entrySet().stream().limit(k).forEach(e -> teachers.put(e.getKey(), e.getValue()));
            SubsetSearchResult result = null;
            for (int i = 0; i < WARMUPS; i++) {
                result = fast.search(teachers, gold, types);
            }
            double[] millis = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                result = fast.search(teachers, gold, types);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            SubsetScore best = result.best(EntityType.DISEASE);
            double baselineMillis = Double.NaN;
            if (k <= baselineMaxK) {
                long start = System.nanoTime();
                SubsetSearchResult slow = baseline.search(teachers, gold, types);
                baselineMillis = (System.nanoTime() - start) / 1e6;
                SubsetScore slowBest = slow.best(EntityType.DISEASE);
                if (!slowBest.describe().equals(best.describe()) || !slowBest.score().equals(best.score())) {
                    throw new IllegalStateException("fast and baseline search disagree: " + best.describe() + " "
                            + best.score() + " vs " + slowBest.describe() + " " + slowBest.score());
                }
            }
            Row row = new Row(k, (1 << k) - 1, result.ranked(EntityType.DISEASE).size(), millis[RUNS / 2], baselineMillis,
                    best.describe(), best.score().f1());
            out.printf(Locale.ROOT, "k=%d done: %.1f ms (baseline %s)%n", k, row.fastMillis(),
                    Double.isNaN(baselineMillis) ? "skipped" : String.format(Locale.ROOT, "%.0f ms", baselineMillis));
            rows.add(row);
        }
        return rows;
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%3s %8s %10s %12s %14s %9s  %s%n", "k",
                "subsets", "pairs", "search ms", "baseline ms", "speedup", "best (strict F1)"));
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "%3d %8d %10d %12.1f %14s %9s  %s (%.3f)%n", row.teachers(),
                    row.subsets(), row.subsetRulePairs(), row.fastMillis(),
                    Double.isNaN(row.baselineMillis()) ? "-" : String.format(Locale.ROOT, "%.0f", row.baselineMillis()),
                    Double.isNaN(row.baselineMillis()) ? "-"
                            : String.format(Locale.ROOT, "%.0fx", row.baselineMillis() / row.fastMillis()),
                    row.best(), row.bestF1()));
        }
        return table.toString();
    }

    static String json(List<Row> rows, int maxTeachers) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "subset-search");
        root.put("data", "ncbi_disease dev");
        root.put("teachers", maxTeachers);
        ArrayNode array = root.putArray("rows");
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("teachers", row.teachers());
            node.put("subsets", row.subsets());
            node.put("subsetRulePairs", row.subsetRulePairs());
            node.put("searchMillis", row.fastMillis());
            if (Double.isNaN(row.baselineMillis())) {
                node.putNull("baselineMillis");
                node.putNull("speedup");
            } else {
                node.put("baselineMillis", row.baselineMillis());
                node.put("speedup", row.baselineMillis() / row.fastMillis());
            }
            node.put("best", row.best());
            node.put("bestF1", row.bestF1());
        }
        return root.toString();
    }

    /**
     * k noisy copies of gold: teacher t keeps each mention with probability 0.45 + 0.45 t/(k-1) (reversed
     * for odd t so that good and bad teachers alternate), shifts a kept mention's end or start by one
     * word with probability 0.05..0.30, and adds 0..3 spurious one-word mentions per document.
     */
    static Map<String, List<Annotation>> syntheticTeachers(List<Annotation> gold, int k, long seed) {
        WordTokenizer tokenizer = new WordTokenizer();
        Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
        for (int t = 0; t < k; t++) {
            Random random = new Random(seed + 31L * t);
            double fraction = k == 1 ? 0.5 : t / (double) (k - 1);
            double recall = 0.45 + 0.45 * (t % 2 == 0 ? fraction : 1 - fraction);
            double shift = 0.05 + 0.25 * random.nextDouble();
            int maxSpurious = random.nextInt(4);
            String name = String.format(Locale.ROOT, "t%02d", t);
            List<Annotation> annotations = new ArrayList<>(gold.size());
            for (Annotation annotation : gold) {
                String text = annotation.document().text();
                List<Token> tokens = tokenizer.tokenize(text);
                List<Entity> entities = new ArrayList<>();
                for (Entity entity : annotation.entities()) {
                    if (random.nextDouble() >= recall) {
                        continue;
                    }
                    entities.add(random.nextDouble() < shift ? shifted(entity, tokens, text, random) : entity);
                }
                int spurious = maxSpurious == 0 ? 0 : random.nextInt(maxSpurious + 1);
                for (int i = 0; i < spurious && !tokens.isEmpty(); i++) {
                    Token token = tokens.get(random.nextInt(tokens.size()));
                    entities.add(Entity.of(text, token.start(), token.end(), EntityType.DISEASE));
                }
                annotations.add(new Annotation(annotation.document(), entities, name));
            }
            teachers.put(name, List.copyOf(annotations));
        }
        return teachers;
    }

    /** The entity with its end moved to the next token's end, or its start to the next token's start. */
    private static Entity shifted(Entity entity, List<Token> tokens, String text, Random random) {
        if (random.nextBoolean()) {
            for (Token token : tokens) {
                if (token.start() >= entity.end()) {
                    return Entity.of(text, entity.start(), token.end(), entity.type());
                }
            }
        } else {
            for (Token token : tokens) {
                if (token.start() > entity.start() && token.start() < entity.end()) {
                    return Entity.of(text, token.start(), entity.end(), entity.type());
                }
            }
        }
        return entity;
    }

    /** The same rule behind a plain {@link Combiner}: the search must build annotations to score it. */
    private static Combiner opaque(Combiner rule) {
        return new Combiner() {
            @Override
            public Annotation combine(List<Annotation> annotations, String source) {
                return rule.combine(annotations, source);
            }

            @Override
            public String name() {
                return rule.name();
            }
        };
    }
}
