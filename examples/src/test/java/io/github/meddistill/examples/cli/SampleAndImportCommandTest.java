package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.io.JsonlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meddistill sample} then {@code meddistill import}: the way from notes to a gold dev set. */
class SampleAndImportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void fixtures() throws Exception {
        DistillFixtures.write(dir, "notes.jsonl", DistillFixtures.notes("n", 24, 0));
        DistillFixtures.write(dir, "doid.obo", String.join("\n", "format-version: 1.2", "", "[Term]", "id: DOID:1",
                "name: pancreatitis", "", "[Term]", "id: DOID:2", "name: cystic fibrosis", ""));
    }

    private static CommandLineRun sample(String out, String seed) {
        return CommandLineRun.of("sample", dir.resolve("notes.jsonl").toString(), "-t", "doid=" + dir.resolve("doid.obo"),
                "-t", "patterns", "--types", "DISEASE,MEDICATION", "-n", "6", "--seed", seed,
                "--out", dir.resolve(out).toString(), "--json", "--quiet");
    }

    @Test
    void should_write_every_tool_file_and_pick_the_same_notes_when_the_seed_is_the_same() throws Exception {
        // when
        CommandLineRun first = sample("s1", "3");
        CommandLineRun again = sample("s2", "3");

        // then
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(JSON.readTree(first.lastLine()).get("picked").asInt()).isEqualTo(6);
        for (String file : List.of("sample.jsonl", "sample.json", "label-studio.json", "label-studio-config.xml",
                "doccano.jsonl", "prodigy.jsonl")) {
            assertThat(dir.resolve("s1").resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("s2/sample.json")).replace("s2", "s1"))
                .isEqualTo(Files.readString(dir.resolve("s1/sample.json")));
        JsonNode tasks = JSON.readTree(dir.resolve("s1/label-studio.json").toFile());
        assertThat(tasks).hasSize(6);
        assertThat(tasks.get(0).get("predictions")).extracting(p -> p.get("model_version").asText())
                .containsExactly("doid", "patterns");
    }

    @Test
    void should_import_a_label_studio_export_as_gold_that_eval_and_distill_read_when_annotators_accepted() throws Exception {
        // given: the annotators accepted the doid pre-annotations of every sampled task
        assertThat(sample("s3", "5").exitCode()).isZero();
        ArrayNode tasks = (ArrayNode) JSON.readTree(dir.resolve("s3/label-studio.json").toFile());
        for (JsonNode task : tasks) {
            ((ObjectNode) task).putArray("annotations").addObject().put("id", 1).put("completed_by", 1)
                    .set("result", task.at("/predictions/0/result"));
        }
        Path export = dir.resolve("project-1-at-2026-12-02.json");
        Files.writeString(export, tasks.toString(), StandardCharsets.UTF_8);
        Path gold = dir.resolve("gold.jsonl");

        // when
        CommandLineRun run = CommandLineRun.of("import", "--tool", "label-studio", export.toString(), "--notes",
                dir.resolve("notes.jsonl").toString(), "--out", gold.toString(), "--json");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.lastLine());
        assertThat(summary.get("documents").asInt()).isEqualTo(6);
        List<Annotation> read = JsonlReader.builder().build().read(gold).annotations();
        assertThat(read).hasSize(6);
        assertThat(read).extracting(Annotation::documentId).isEqualTo(tasks.findValues("meddistill_id").stream()
                .map(JsonNode::asText).toList());
        CommandLineRun eval = CommandLineRun.of("eval", "--gold", gold.toString(), "--pred", gold.toString(),
                "--resamples", "10", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
    }
}
