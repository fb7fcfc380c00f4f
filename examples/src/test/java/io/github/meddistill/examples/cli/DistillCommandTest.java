package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.github.meddistill.examples.testing.LoopbackOpenAiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meddistill distill} end to end on tiny notes with a tiny encoder: from flags, again (resumes, same scores),
 * from a JSON run file (same scores), from the same settings in YAML (the same run), and its table against
 * {@code eval} on the predictions it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistillCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private JsonNode first;

    @BeforeAll
    static void fixtures() throws Exception {
        DistillFixtures.write(dir);
    }

    private static CommandLineRun distill(Path out) {
        return distill(out, 1);
    }

    private static CommandLineRun distill(Path out, int epochs, String... more) {
        return distill(dir.resolve("notes.jsonl"), out, epochs, more);
    }

    private static CommandLineRun distill(Path notes, Path out, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("distill", notes.toString(),
                "--dev", dir.resolve("dev.jsonl").toString(), "--test", dir.resolve("test.jsonl").toString(),
                "--gold-train", dir.resolve("gold-train.jsonl").toString(),
                "-t", "doid=" + dir.resolve("doid.obo"), "-t", "drugbank=" + dir.resolve("drugbank.csv"), "-t", "patterns",
                "--types", "DISEASE,MEDICATION", "--encoder", dir.resolve("tiny-encoder").toString(), "--epochs", Integer.toString(epochs),
                "--min-steps", "0", "--batch-size", "8", "--out", out.toString(), "--json", "--quiet"));
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    @Test
    void should_report_each_self_training_rounds_types_and_dev_f1_per_type_when_self_training() throws Exception {
        // when
        CommandLineRun run = distill(dir.resolve("out-self-training"), 1, "--self-training-rounds", "1");

        // then round 1 is the teachers' student; round 2 let both types' student mentions join
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rounds = JSON.readTree(run.lastLine()).at("/tasks/0/selfTraining");
        assertThat(rounds).hasSize(2);
        assertThat(rounds.at("/0/round").asInt()).isEqualTo(1);
        assertThat(rounds.at("/0/joinedTypes")).isEmpty();
        assertThat(rounds.at("/1/joinedTypes")).extracting(JsonNode::asText).containsExactly("DISEASE", "MEDICATION");
        for (JsonNode round : rounds) {
            assertThat(round.get("devF1ByType").fieldNames()).toIterable().containsExactly("DISEASE", "MEDICATION");
            round.get("devF1ByType").forEach(f1 -> assertThat(f1.asDouble()).isBetween(0.0, 1.0));
        }
        JsonNode training = JSON.readTree(run.lastLine()).get("training");
        assertThat(training).extracting(t -> t.get("system").asText())
                .containsExactly("student", "student-round-2", "gold-student");
        for (JsonNode student : training) {
            assertThat(student.get("epochs")).hasSize(student.get("epochsRun").asInt());
            assertThat(student.at("/epochs/0/devF1").asDouble()).isBetween(0.0, 1.0);
            assertThat(student.at("/epochs/0/seconds").asDouble()).isPositive()
                    .isLessThanOrEqualTo(student.get("seconds").asDouble());
        }
        assertThat(training.at("/0/epochs/0/devF1").asDouble()).as("the trainer's dev F1 is the kept one")
                .isEqualTo(training.at("/0/bestDevF1").asDouble());
    }

    @Test
    void should_train_the_student_on_the_positive_unlabelled_risk_and_record_the_setting_when_asked() throws Exception {
        // when
        Path out = dir.resolve("out-positive-unlabelled");
        CommandLineRun run = distill(out, 1, "--positive-unlabelled");
        CommandLineRun plain = distill(dir.resolve("out-plain"), 1);

        // then the distilled student learnt otherwise than with the outside weight; the gold-trained one, whose labels
        // are complete, did not
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).at("/config/positiveUnlabelled").asBoolean())
                .isTrue();
        assertThat(JSON.readTree(run.lastLine()).at("/positiveUnlabelled").asBoolean()).isTrue();
        assertThat(JSON.readTree(plain.lastLine()).at("/positiveUnlabelled").asBoolean()).isFalse();
        assertOnlyTheDistilledStudentDiffers(out, dir.resolve("out-plain"));
    }

    @Test
    void should_train_the_left_out_teacher_mentions_as_unknown_by_default_and_as_outside_when_turned_off() throws Exception {
        // given: a note with captopril, which the patterns' -pril stem finds and the DrugBank fixture lacks
        Path notes = dir.resolve("notes-captopril.jsonl");
        Files.writeString(notes, Files.readString(dir.resolve("notes.jsonl"))
                + "{\"id\":\"c1\",\"text\":\"Patient c1: history of asthma; started captopril.\"}\n");

        // when
        Path out = dir.resolve("out-unknown-mentions");
        CommandLineRun run = distill(notes, out, 1);
        CommandLineRun plain = distill(notes, dir.resolve("out-plain-unknown"), 1, "--no-unknown-mentions");

        // then medication is drugbank's alone, so captopril no longer trains as outside: the distilled student learnt
        // otherwise, the gold-trained one did not
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(run.out()).contains("MEDICATION: union(drugbank)");
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).at("/config/unknownMentions").asBoolean()).isTrue();
        assertThat(JSON.readTree(run.lastLine()).at("/unknownMentions").asBoolean()).isTrue();
        assertThat(JSON.readTree(plain.lastLine()).at("/unknownMentions").asBoolean()).isFalse();
        assertOnlyTheDistilledStudentDiffers(out, dir.resolve("out-plain-unknown"));
    }

    /** The distilled students of the two runs differ; their gold-trained students, whose labels are complete, do not. */
    private static void assertOnlyTheDistilledStudentDiffers(Path out, Path plainOut) throws Exception {
        Path students = out.resolve("distill/students");
        Path plainStudents = plainOut.resolve("distill/students");
        assertThat(Files.readAllBytes(students.resolve("student/model.safetensors")))
                .isNotEqualTo(Files.readAllBytes(plainStudents.resolve("student/model.safetensors")));
        assertThat(Files.readAllBytes(students.resolve("gold-student/model.safetensors")))
                .isEqualTo(Files.readAllBytes(plainStudents.resolve("gold-student/model.safetensors")));
    }

    @Test
    void should_write_each_teacher_patterns_dev_precision_and_record_the_setting_when_reliability_weights() throws Exception {
        // when
        Path out = dir.resolve("out-reliability-weights");
        CommandLineRun run = distill(out, 1, "--reliability-weights");

        // then the confidences come from the dev set, per type and agreement pattern, counts only
        assertThat(run.exitCode()).as(run.err()).isZero();
        String estimates = Files.readString(out.resolve("distill/reliability-weights.txt"));
        assertThat(estimates).containsPattern("DISEASE: dev precision \\d\\.\\d{3}")
                .containsPattern("MEDICATION: dev precision \\d\\.\\d{3}")
                .containsPattern("  drugbank: \\d+ mentions, \\d+ right, confidence \\d\\.\\d{3}");
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).at("/config/reliabilityWeights").asBoolean())
                .isTrue();
        assertThat(JSON.readTree(run.lastLine()).at("/reliabilityWeights").asBoolean()).isTrue();
    }

    @Test
    @Order(1)
    void should_run_every_stage_and_print_the_demo_json_shape_when_given_flags() throws Exception {
        // when
        CommandLineRun run = distill(dir.resolve("out"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        first = JSON.readTree(run.lastLine());
        assertThat(first.get("tasks")).extracting(t -> t.get("task").asText() + "/" + t.get("type").asText())
                .containsExactly("distill/DISEASE", "distill/MEDICATION");
        for (JsonNode task : first.get("tasks")) {
            assertThat(task.get("scoredOn").asText()).isEqualTo("test");
            assertThat(task.get("testDocuments").asInt()).isEqualTo(6);
            assertThat(task.get("systems")).extracting(s -> s.get("role").asText())
                    .contains("teacher", "combination", "student", "gold-student");
            task.get("systems").forEach(s -> assertThat(s.get("strictF1").asDouble()).isBetween(0.0, 1.0));
        }
        assertThat(first.get("warnings")).isEmpty();
        assertThat(run.out()).contains("| system", "doid", "drugbank", "patterns", "distill / DISEASE (test: 6 notes)");
        for (String file : List.of("report.json", "report.md", "report.html", "run.json", "distill/report.html",
                "distill/combination.txt", "distill/students/student/config.json",
                "distill/students/gold-student/model.safetensors", "distill/predictions/student.jsonl",
                "distill/predictions/doid.jsonl")) {
            assertThat(dir.resolve("out").resolve(file)).isRegularFile();
        }
        JsonNode manifest = JSON.readTree(dir.resolve("out/run.json").toFile());
        assertThat(manifest.at("/config/epochs").asInt()).isEqualTo(1);
        assertThat(manifest.at("/config/types")).extracting(JsonNode::asText).containsExactly("DISEASE", "MEDICATION");
        assertThat(manifest.at("/versions/java").asText()).isNotBlank();
        assertThat(manifest.get("inputs")).extracting(i -> i.get("role").asText())
                .containsExactly("notes", "dev", "test", "goldTrain", "teacher doid", "teacher drugbank");
        assertThat(manifest.at("/inputs/0/sha256").asText()).hasSize(64);
    }

    @Test
    @Order(2)
    void should_reuse_labels_and_students_and_reproduce_the_scores_when_run_again() throws Exception {
        // given
        Path model = dir.resolve("out/distill/students/student/model.safetensors");
        long modelTime = Files.getLastModifiedTime(model).toMillis();
        List<String> journal = Files.readAllLines(dir.resolve("out/distill/labels/doid/train.jsonl"));

        // when
        CommandLineRun run = distill(dir.resolve("out"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.getLastModifiedTime(model).toMillis()).isEqualTo(modelTime);
        assertThat(Files.readAllLines(dir.resolve("out/distill/labels/doid/train.jsonl"))).isEqualTo(journal);
        assertThat(JSON.readTree(run.lastLine()).get("tasks").findValues("strictF1"))
                .isEqualTo(first.get("tasks").findValues("strictF1"));
    }

    @Test
    @Order(3)
    void should_give_the_same_scores_when_the_settings_come_from_a_run_file() throws Exception {
        // given: relative paths, resolved against the run file's folder
        DistillFixtures.write(dir, "run-file/run.json", """
                {"notes": "../notes.jsonl", "dev": "../dev.jsonl", "test": "../test.jsonl",
                 "goldTrain": "../gold-train.jsonl",
                 "teachers": ["doid=../doid.obo", "drugbank=../drugbank.csv", "patterns"],
                 "types": ["DISEASE", "MEDICATION"], "encoder": "../tiny-encoder", "epochs": 1, "minSteps": 0, "batchSize": 8,
                 "out": "out"}
                """);

        // when
        CommandLineRun run = CommandLineRun.of("distill", "--config", dir.resolve("run-file/run.json").toString(),
                "--json", "--quiet");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.lastLine()).get("tasks").findValues("strictF1"))
                .isEqualTo(first.get("tasks").findValues("strictF1"));
        assertThat(dir.resolve("run-file/out/run.json")).isRegularFile();
    }

    @Test
    @Order(4)
    void should_drive_the_same_run_as_the_json_run_file_when_the_run_file_is_yaml() throws Exception {
        // given: the settings of run-file/run.json, written as YAML, into the same --out
        DistillFixtures.write(dir, "run-file/run.yaml", """
                # the same run as run.json
                notes: ../notes.jsonl
                dev: ../dev.jsonl
                test: ../test.jsonl
                goldTrain: ../gold-train.jsonl
                teachers:
                  - doid=../doid.obo
                  - drugbank=../drugbank.csv
                  - patterns
                types: [DISEASE, MEDICATION]
                encoder: ../tiny-encoder
                epochs: 1
                minSteps: 0
                batchSize: 8
                out: out
                """);
        JsonNode before = JSON.readTree(dir.resolve("run-file/out/run.json").toFile());
        Path model = dir.resolve("run-file/out/distill/students/student/model.safetensors");
        long modelTime = Files.getLastModifiedTime(model).toMillis();

        // when
        CommandLineRun run = CommandLineRun.of("distill", "--config", dir.resolve("run-file/run.yaml").toString(),
                "--json", "--quiet");

        // then: no setting differs from the JSON run's, so its students are reused and the scores are the same
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("note: setting");
        assertThat(Files.getLastModifiedTime(model).toMillis()).isEqualTo(modelTime);
        assertThat(JSON.readTree(dir.resolve("run-file/out/run.json").toFile()).get("config"))
                .isEqualTo(before.get("config"));
        assertThat(JSON.readTree(run.lastLine()).get("tasks").findValues("strictF1"))
                .isEqualTo(first.get("tasks").findValues("strictF1"));
    }

    @Test
    @Order(5)
    void should_score_each_system_as_eval_does_on_the_predictions_it_wrote() throws Exception {
        for (String system : List.of("student", "doid", "combination", "gold-student")) {
            // when
            CommandLineRun eval = CommandLineRun.of("eval", "--gold", dir.resolve("test.jsonl").toString(), "--pred",
                    dir.resolve("out/distill/predictions/" + system + ".jsonl").toString(), "--json");

            // then
            assertThat(eval.exitCode()).as(eval.err()).isZero();
            JsonNode scores = JSON.readTree(eval.lastLine());
            for (JsonNode task : first.get("tasks")) {
                String type = task.get("type").asText();
                for (JsonNode row : task.get("systems")) {
                    if (row.get("name").asText().equals(system)) {
                        assertThat(row.get("strictF1").asDouble()).as(system + " " + type)
                                .isEqualTo(scores.at("/strict/perType/" + type + "/f1").asDouble());
                    }
                }
            }
        }
    }

    @Test
    @Order(7)
    void should_distil_with_an_llm_teacher_on_a_local_openai_compatible_server() throws Exception {
        // given: a local model that finds "Patient" as a DISEASE in every note (and so teaches MEDICATION nothing)
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.answering(
                "{\"entities\":[{\"text\":\"Patient\",\"type\":\"DISEASE\"}]}")) {
            // when
            CommandLineRun run = CommandLineRun.of("distill", dir.resolve("notes.jsonl").toString(),
                    "--dev", dir.resolve("dev.jsonl").toString(), "-t", "doid=" + dir.resolve("doid.obo"),
                    "-t", "openai=llama3.1", "--openai-base-url", server.baseUrl(), "--types", "DISEASE,MEDICATION",
                    "--encoder", dir.resolve("tiny-encoder").toString(), "--epochs", "1", "--min-steps", "0", "--batch-size", "8",
                    "--out", dir.resolve("out-llm").toString(), "--json", "--quiet");

            // then
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode task = JSON.readTree(run.lastLine()).get("tasks").get(0);
            assertThat(task.get("scoredOn").asText()).isEqualTo("dev");
            assertThat(task.get("systems")).extracting(s -> s.get("name").asText()).contains("llama3.1", "doid", "student");
            assertThat(server.requests()).isEqualTo(24 + 6); // the dev notes again, as the scored set, come from the cache
            assertThat(run.err()).contains("no --test");
        }
    }

    @Test
    @Order(6)
    void should_keep_the_labels_retrain_and_record_the_new_settings_when_a_setting_changes() throws Exception {
        // given
        List<String> journal = Files.readAllLines(dir.resolve("out/distill/labels/doid/train.jsonl"));

        // when
        CommandLineRun run = distill(dir.resolve("out"), 2);

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: setting 'epochs' was 1, now 2");
        assertThat(Files.readAllLines(dir.resolve("out/distill/labels/doid/train.jsonl"))).isEqualTo(journal);
        assertThat(JSON.readTree(dir.resolve("out/run.json").toFile()).at("/config/epochs").asInt()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void should_refuse_to_resume_when_the_notes_changed_since_the_run_in_out() throws Exception {
        // given
        Path notes = dir.resolve("notes.jsonl");
        String before = Files.readString(notes);
        Files.writeString(notes, before.replace("Patient n1:", "Patient n1 (edited):"));
        try {
            // when
            CommandLineRun run = distill(dir.resolve("out"), 2);

            // then
            assertThat(run.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
            assertThat(run.err()).contains("holds a run on other input", "notes " + notes.toAbsolutePath(),
                    "has changed since that run");
        } finally {
            Files.writeString(notes, before);
        }
    }

    @Test
    @Order(8)
    void should_train_on_affirmed_teacher_mentions_only_when_affirmed_only_is_given() throws Exception {
        // given notes where half the diseases are negated ("no pancreatitis")
        Path notes = dir.resolve("notes-negated.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            String text = i % 2 == 0 ? "Patient a" + i + ": no pancreatitis; started aspirin."
                    : "Patient a" + i + ": known pancreatitis; started aspirin.";
            lines.append("{\"id\":\"a").append(i).append("\",\"text\":\"").append(text)
                    .append("\",\"entities\":[]}\n");
        }
        Files.writeString(notes, lines);
        Path out = dir.resolve("out-affirmed");

        // when
        CommandLineRun run = CommandLineRun.of("distill", notes.toString(), "--dev", dir.resolve("dev.jsonl").toString(),
                "--test", dir.resolve("test.jsonl").toString(), "-t", "doid=" + dir.resolve("doid.obo"),
                "-t", "drugbank=" + dir.resolve("drugbank.csv"), "--types", "DISEASE,MEDICATION", "--encoder", dir.resolve("tiny-encoder").toString(), "--epochs", "1",
                "--batch-size", "8", "--affirmed-only", "--out", out.toString(), "--json", "--quiet");

        // then the teacher's training labels keep the six affirmed mentions and drop the six negated ones
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> journal = Files.readAllLines(out.resolve("distill/labels/doid/train.jsonl"));
        assertThat(journal).hasSize(12);
        for (String line : journal) {
            int id = Integer.parseInt(line.replaceFirst(".*\"a(\\d+)\".*", "$1"));
            if (id % 2 == 0) {
                assertThat(line).as("negated note a" + id).doesNotContain("\"DISEASE\"");
            } else {
                assertThat(line).as("affirmed note a" + id).contains("\"DISEASE\"");
            }
        }
        assertThat(JSON.readTree(out.resolve("run.json").toFile()).at("/config/affirmedOnly").asBoolean()).isTrue();
    }
}
