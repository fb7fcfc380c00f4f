package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Entity;
import io.github.meddistill.examples.guide.EmbeddedStudentExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, reduced to a few notes per split so it runs in CI: the three bundled corpora, every
 * stage (labelling, subset search, two students, evaluation, reports), then a second run that must reuse
 * everything, then the saved student used by {@code extract} and by the embedding example.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REDUCED = {"--train-docs", "12", "--dev-docs", "6", "--test-docs", "6",
            "--mtsamples-notes", "3", "--gold-student", "--epochs", "1", "--min-steps", "0", "--json", "--quiet"};

    @TempDir
    static Path out;

    private JsonNode first;

    private CommandLineRun demo() {
        List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString()));
        args.addAll(List.of(REDUCED));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void should_run_every_stage_on_every_corpus_and_print_the_table_and_json_when_run_reduced() throws Exception {
        CommandLineRun run = demo();

        assertThat(run.exitCode()).as(run.err()).isZero();
        first = JSON.readTree(run.lastLine());
        assertThat(first.get("outDir").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(first.get("tasks")).extracting(t -> t.get("task").asText() + "/" + t.get("type").asText())
                .containsExactly("ncbi-disease/DISEASE", "bc5cdr/DISEASE", "bc5cdr/MEDICATION", "maccrobat/DISEASE",
                        "maccrobat/MEDICATION", "maccrobat/SYMPTOM");
        for (JsonNode task : first.get("tasks")) {
            assertThat(task.get("systems")).extracting(s -> s.get("role").asText())
                    .contains("teacher", "combination", "student", "gold-student");
            for (JsonNode system : task.get("systems")) {
                double f1 = system.get("strictF1").asDouble();
                assertThat(f1).isBetween(0.0, 1.0);
                assertThat(system.get("ci95")).hasSize(2);
                assertThat(system.get("ci95").get(0).asDouble()).isLessThanOrEqualTo(system.get("ci95").get(1).asDouble());
                assertThat(system.get("usdPer1000Notes").asDouble()).isZero();
            }
        }
        assertThat(first.get("tasks")).as("MTSamples notes join the clinical task's training notes only")
                .extracting(t -> t.get("trainDocuments").asInt()).containsExactly(12, 12, 12, 15, 15, 15);
        assertThat(Files.readString(out.resolve("maccrobat/labels/doid/train.jsonl"))).contains("\"mtsamples-330\"");
        assertThat(first.get("tasks").get(1).get("systems")).as("teachers of other types are left out")
                .extracting(s -> s.get("name").asText()).doesNotContain("drugbank", "drugsatfda");
        assertThat(run.out()).contains("| system", "student speed-up", "doid", "drugbank", "patterns", "hpo");
        assertThat(first.get("tasks").get(5).get("systems")).as("HPO teaches the symptoms of the case reports")
                .extracting(s -> s.get("name").asText()).contains("hpo");
        assertThat(first.get("training")).extracting(t -> t.get("task").asText() + "/" + t.get("system").asText())
                .contains("ncbi-disease/student", "ncbi-disease/gold-student", "maccrobat/student");
        assertThat(first.get("training")).allSatisfy(t -> assertThat(t.get("skippedNonFiniteGradient").asInt()).isZero());
        assertThat(first.get("training")).as("dev F1 against minutes of training").allSatisfy(t -> {
            assertThat(t.get("seconds").asDouble()).isPositive();
            assertThat(t.get("epochs")).hasSize(t.get("epochsRun").asInt());
            assertThat(t.at("/epochs/0/devF1").asDouble()).isBetween(0.0, 1.0);
        });
        assertThat(Files.readString(out.resolve("report.md"))).contains("Trained in this run:",
                "- student: 1 epoch in ");
        for (String file : List.of("report.json", "report.md", "report.html", "ncbi-disease/report.html",
                "bc5cdr/report.json", "ncbi-disease/students/student/config.json", "bc5cdr/students/gold-student/model.safetensors",
                "maccrobat/report.json", "corpora/maccrobat/test/.complete")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
    }

    @Test
    @Order(2)
    void should_reuse_labels_and_students_and_reproduce_the_scores_when_run_again() throws Exception {
        Path journal = out.resolve("ncbi-disease/labels/doid/train.jsonl");
        List<String> journalBefore = Files.readAllLines(journal);
        long modelTime = Files.getLastModifiedTime(out.resolve("ncbi-disease/students/student/model.safetensors")).toMillis();

        CommandLineRun run = demo();

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode second = JSON.readTree(run.lastLine());
        assertThat(Files.readAllLines(journal)).isEqualTo(journalBefore);
        assertThat(Files.getLastModifiedTime(out.resolve("ncbi-disease/students/student/model.safetensors")).toMillis())
                .isEqualTo(modelTime);
        for (int t = 0; t < first.get("tasks").size(); t++) {
            assertThat(second.get("tasks").get(t).get("systems")).extracting(s -> s.get("strictF1").asDouble())
                    .isEqualTo(first.get("tasks").get(t).findValues("strictF1").stream().map(JsonNode::asDouble).toList());
        }
    }

    @Test
    @Order(3)
    void should_extract_with_the_saved_student_from_the_command_line_and_from_many_threads() throws Exception {
        Path model = out.resolve("bc5cdr/students/gold-student");
        String note = "Lithium-induced nephrogenic diabetes insipidus was treated with amiloride.";

        CommandLineRun run = CommandLineRun.of("extract", "--model", model.toString(), "--text", note, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\\R");
        JsonNode result = JSON.readTree(lines[lines.length - 2]);
        assertThat(result.get("id").asText()).isEqualTo("text-1");
        for (JsonNode entity : result.get("entities")) {
            assertThat(note.substring(entity.get("start").asInt(), entity.get("end").asInt())).isEqualTo(entity.get("text").asText());
        }
        assertThat(JSON.readTree(run.lastLine()).get("documents").asInt()).isEqualTo(1);

        List<String> notes = List.of(note, "Cisplatin nephrotoxicity.", note, "No complaints.", note);
        List<List<Entity>> concurrent = EmbeddedStudentExample.extractConcurrently(model, notes, 3);
        assertThat(concurrent.get(0)).isEqualTo(concurrent.get(2)).isEqualTo(concurrent.get(4));
        assertThat(concurrent.get(0)).extracting(Entity::start)
                .containsExactlyElementsOf(JSON.readTree(lines[lines.length - 2]).get("entities").findValues("start")
                        .stream().map(JsonNode::asInt).toList());
    }

    @Test
    @Order(3)
    void should_extract_the_same_entities_when_the_engine_is_pytorch_or_onnx_runtime() throws Exception {
        Path model = out.resolve("bc5cdr/students/gold-student");
        String[] notes = {"--text", "Lithium-induced nephrogenic diabetes insipidus was treated with amiloride.",
                "--text", "Cisplatin nephrotoxicity in a patient on haloperidol."};

        CommandLineRun onnx = CommandLineRun.of(concat(new String[] {"extract", "--model", model.toString()}, notes));
        CommandLineRun pytorch = CommandLineRun.of(concat(new String[] {"extract", "--model", model.toString(),
                "--engine", "PYTORCH"}, notes));
        CommandLineRun int8OnPytorch = CommandLineRun.of(concat(new String[] {"extract", "--model", model.toString(),
                "--engine", "PYTORCH", "--precision", "INT8"}, notes));

        assertThat(onnx.exitCode()).as(onnx.err()).isZero();
        assertThat(pytorch.exitCode()).as(pytorch.err()).isZero();
        assertThat(onnx.out()).isEqualTo(pytorch.out()).contains("\"entities\"");
        assertThat(int8OnPytorch.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(int8OnPytorch.err()).contains("INT8").contains("ONNX_RUNTIME");
    }

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }

    @Test
    @Order(4)
    void should_fail_with_a_clear_message_when_a_task_is_unknown() {
        CommandLineRun run = CommandLineRun.of("demo", "--tasks", "n2c2", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(run.err()).contains("unknown task 'n2c2'").contains("ncbi-disease");
    }
}
