package io.github.meddistill.eval.report;

import static io.github.meddistill.core.EntityType.DISEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.pipeline.SystemRole;
import io.github.meddistill.core.pipeline.SystemRun;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.cost.SystemCost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private final List<Annotation> gold = new ArrayList<>();
    private final List<Annotation> good = new ArrayList<>();
    private final List<Annotation> weak = new ArrayList<>();

    /** 20 notes "fever <b>and</b> cough": gold fever + cough; "good" finds both in 15 notes; "weak" finds only fever, plus "and". */
    EvaluationReportTest() {
        for (int i = 0; i < 20; i++) {
            Document note = new Document("note-" + i, "fever <b>and</b> cough");
            Entity fever = Entity.of(note.text(), 0, 5, DISEASE);
            Entity and = Entity.of(note.text(), 9, 12, DISEASE);
            Entity cough = Entity.of(note.text(), 17, 22, DISEASE);
            gold.add(new Annotation(note, List.of(fever, cough), "gold"));
            good.add(new Annotation(note, i < 15 ? List.of(fever, cough) : List.of(), "good"));
            weak.add(new Annotation(note, List.of(fever, and), "weak"));
        }
    }

    private EvaluationReport report() {
        return EvaluationReport.builder(gold)
                .title("Test & report")
                .bootstrap(Bootstrap.builder().resamples(300).seed(3).build())
                .addSystem("good", "student", good,
                        new SystemCost("good", 20, List.of(10.0, 20.0), Duration.ofMillis(400), TokenUsage.ZERO, 0.001))
                .addSystem("weak", "teacher", weak,
                        new SystemCost("weak", 20, List.of(500.0), Duration.ofSeconds(10), new TokenUsage(20_000, 0, 4_000, 0), 0.2))
                .build();
    }

    @Test
    void should_show_scores_intervals_costs_and_errors_when_rendering_html() {
        EvaluationReport report = report();
        SystemResult good = report.systems().get(0);
        SystemResult weak = report.systems().get(1);
        // good: tp 30, fp 0, fn 10 -> F1 60/70 = 0.857; weak: tp 20, fp 20, fn 20 -> F1 0.500
        assertThat(good.scores().micro(MatchMode.STRICT).f1()).isEqualTo(60.0 / 70);
        assertThat(weak.scores().micro(MatchMode.STRICT).f1()).isEqualTo(0.5);

        String html = report.toHtml();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Test &amp; report</title>");
        assertThat(html).contains("<b>0.857</b>", "<b>0.500</b>");
        assertThat(html).contains(Formats.interval(good.intervals().micro().get(MatchMode.STRICT).f1()));
        assertThat(html).contains(Formats.interval(weak.intervals().of(MatchMode.STRICT, DISEASE).orElseThrow().f1()));
        // USD per 1,000 notes: 0.001 / 20 * 1000 = 0.05; 0.2 / 20 * 1000 = 10; 200x cheaper, 25x faster
        assertThat(html).contains("<td>0.0500</td>", "<td>10.00</td>", "<td>200x</td>", "<td>25.00x</td>");
        assertThat(html).contains(">$0.01<", ">$10<", "USD per 1,000 notes (log scale)", "weak: F1 0.500, $10.00 per 1,000 notes");
        assertThat(html).contains("<svg", "<rect", "<circle");
        // errors: weak predicts "<b>and</b>" inner "and" 20 times, escaped, with context
        assertThat(html).contains("weak &middot; DISEASE &middot; false positives (20)");
        assertThat(html).contains("&hellip;fever &lt;b&gt;<mark>and</mark>&lt;/b&gt; cough&hellip;");
        assertThat(html).doesNotContain("<script", "http:", "https:", "<b>and</b>");
        assertThat(html).contains("contains note text");
    }

    @Test
    void should_write_json_with_the_documented_schema() throws Exception {
        EvaluationReport report = report();

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("documents").asInt()).isEqualTo(20);
        JsonNode good = json.get("systems").get(0);
        assertThat(good.get("name").asText()).isEqualTo("good");
        JsonNode micro = good.get("strict").get("micro");
        assertThat(micro.get("tp").asLong()).isEqualTo(30);
        assertThat(micro.get("fn").asLong()).isEqualTo(10);
        assertThat(micro.get("f1").asDouble()).isEqualTo(60.0 / 70);
        assertThat(micro.get("ci").get("f1")).hasSize(2);
        assertThat(good.get("lenient").get("perType").get("DISEASE").get("precision").asDouble()).isEqualTo(1.0);
        assertThat(good.get("tokenLevel").get("micro").get("tp").asLong()).isEqualTo(30);
        assertThat(good.get("speed").get("latencyP50Ms").asDouble()).isEqualTo(10.0);
        assertThat(good.get("cost").get("usdPer1000Notes").asDouble()).isEqualTo(0.05);
        JsonNode weakErrors = json.get("systems").get(1).get("errors").get("DISEASE");
        assertThat(weakErrors.get("falsePositives").get("groups").get(0).get("surfaceForm").asText()).isEqualTo("and");
        assertThat(weakErrors.get("falseNegatives").get("total").asInt()).isEqualTo(20);
        assertThat(json.get("ratios")).hasSize(2);
        assertThat(json.get("ratios").get(0).get("timesCheaper").asDouble()).isEqualTo(200.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("ratios").get(1).get("timesCheaper").asDouble()).isEqualTo(0.005, org.assertj.core.data.Offset.offset(1e-12));
        JsonNode test = json.get("pairedTests").get(0);
        assertThat(test.get("systemA").asText()).isEqualTo("good");
        assertThat(test.get("strict").get("micro").get("pValue").asDouble()).isLessThan(0.05);
    }

    @Test
    void should_write_three_files_and_a_markdown_table(@TempDir Path directory) throws Exception {
        EvaluationReport report = report();

        report.writeReports(directory.resolve("out"));

        assertThat(directory.resolve("out/report.json")).exists();
        assertThat(directory.resolve("out/report.html")).exists();
        String markdown = Files.readString(directory.resolve("out/report.md"));
        assertThat(markdown).contains("| good | student | micro | 1.000 | 0.750 | 0.857 |");
        assertThat(markdown).contains("| weak | teacher | DISEASE | 0.500 | 0.500 | 0.500 |");
        assertThat(markdown).doesNotContain("<b>and</b>");
        assertThat(report.summaryTable()).contains("| good | student | micro |");
    }

    @Test
    void should_evaluate_pipeline_runs_when_used_as_the_standard_evaluator() {
        SystemRun teacher = new SystemRun("weak", SystemRole.TEACHER, weak, List.of(), new TokenUsage(10, 0, 5, 0), 0.1);
        SystemRun student = new SystemRun("good", SystemRole.STUDENT, good, java.util.Collections.nCopies(20, 5.0),
                TokenUsage.ZERO, 0);

        EvaluationReport report = new StandardEvaluator().evaluate(List.of(teacher, student), gold);

        assertThat(report.systems()).extracting(SystemResult::name).containsExactly("weak", "good");
        assertThat(report.systems().get(0).role()).isEqualTo("teacher");
        assertThat(report.systems().get(0).speedCost().orElseThrow().notesPerSecond()).isEmpty();
        assertThat(report.systems().get(1).speedCost().orElseThrow().notesPerSecond().getAsDouble()).isEqualTo(200.0);
    }

    @Test
    void should_name_the_problem_when_building_a_bad_report() {
        assertThatThrownBy(() -> EvaluationReport.builder(gold).build()).hasMessageContaining("at least one system");
        assertThatThrownBy(() -> EvaluationReport.builder(gold).addSystem("a", "t", good).addSystem("a", "t", good))
                .hasMessageContaining("system a was added twice");
        assertThatThrownBy(() -> EvaluationReport.builder(gold).addSystem("a", "t", good).compare("a", "zzz").build())
                .hasMessageContaining("no system named zzz");
        assertThatThrownBy(() -> EvaluationReport.builder(gold).addSystem("a", "t", good.subList(0, 19)).build())
                .hasMessageContaining("document 'note-19' is in gold but missing from the predictions of a");
    }

    @Test
    void should_count_assertion_status_and_linked_concepts_when_predictions_carry_them() throws Exception {
        // given "good" with fever negated and linked to DOID, cough affirmed and unlinked
        List<Annotation> withContext = new ArrayList<>();
        for (Annotation annotation : good) {
            List<Entity> entities = new ArrayList<>();
            for (Entity e : annotation.entities()) {
                entities.add(e.text().equals("fever")
                        ? e.withAssertion(new Assertion(Flag.YES, Flag.NO, Flag.NO, Flag.NO, Experiencer.PATIENT))
                                .withConcepts(List.of(new LinkedConcept("DOID:0000", "fever", "DOID", 1.0,
                                        LinkMethod.EXACT, List.of())))
                        : e.withAssertion(Assertion.AFFIRMED));
            }
            withContext.add(new Annotation(annotation.document(), entities, annotation.source()));
        }

        // when
        EvaluationReport report = EvaluationReport.builder(gold).bootstrap(Bootstrap.builder().resamples(50).seed(3).build())
                .addSystem("good", "student", withContext).addSystem("weak", "teacher", weak).build();

        // then 15 notes with fever and cough: 30 entities, 30 assessed, 15 negated, 15 linked to DOID
        ContextSummary summary = report.systems().get(0).context().orElseThrow();
        assertThat(summary).isEqualTo(new ContextSummary(30, 30, 15, 0, 0, 0, 0, 0, 15, Map.of("DOID", 15)));
        assertThat(report.systems().get(1).context()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.at("/systems/0/context/negated").asInt()).isEqualTo(15);
        assertThat(json.at("/systems/0/context/linkedBySource/DOID").asInt()).isEqualTo(15);
        assertThat(json.at("/systems/1/context").isNull()).isTrue();
        assertThat(report.toMarkdown()).contains("## Clinical context of the predictions (counts)",
                "| good | 30 | 30 | 15 | 0 | 0 | 0 | 0 | 0 | 15 | DOID 15 |").doesNotContain("| weak | 40 |");
        assertThat(report.toHtml()).contains("Clinical context of the predictions", "<td class=\"l\">DOID 15</td>");
        // and scores ignore the context: same strict F1 as without it
        assertThat(report.systems().get(0).scores().micro(MatchMode.STRICT).f1())
                .isEqualTo(report().systems().get(0).scores().micro(MatchMode.STRICT).f1());
    }

    @Test
    void should_leave_out_the_context_section_when_no_prediction_carries_context() {
        assertThat(report().toMarkdown()).doesNotContain("Clinical context");
        assertThat(report().toHtml()).doesNotContain("Clinical context");
    }
}
