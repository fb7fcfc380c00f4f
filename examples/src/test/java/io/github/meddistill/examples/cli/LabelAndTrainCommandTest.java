package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelAndTrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path corpus() throws Exception {
        Path file = dir.resolve("notes.jsonl");
        Files.write(file, List.of(
                "{\"id\":\"n1\",\"text\":\"Chronic pancreatitis and hepatitis; started lisinopril.\",\"entities\":[]}",
                "{\"id\":\"n2\",\"text\":\"Duchenne muscular dystrophy. Atorvastatin stopped.\",\"entities\":[]}",
                "{\"id\":\"n3\",\"text\":\"Cystic fibrosis with nephropathy, on metoprolol.\",\"entities\":[]}"), StandardCharsets.UTF_8);
        return file;
    }

    private Path obo() throws Exception {
        Path file = dir.resolve("mini.obo");
        Files.writeString(file, String.join("\n", "format-version: 1.2", "", "[Term]", "id: DOID:1", "name: cystic fibrosis",
                "synonym: \"mucoviscidosis\" EXACT []", "", "[Term]", "id: DOID:2", "name: pancreatitis", ""), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void should_write_one_jsonl_per_teacher_when_labelling_a_corpus() throws Exception {
        CommandLineRun run = CommandLineRun.of("label", corpus().toString(), "--teacher", "patterns", "--teacher",
                "doid=" + obo(), "--out", dir.resolve("labels").toString(), "--json", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.lastLine());
        assertThat(summary.get("documents").asInt()).isEqualTo(3);
        assertThat(summary.get("teachers")).extracting(t -> t.get("name").asText()).containsExactly("patterns", "doid");
        List<String> doid = Files.readAllLines(dir.resolve("labels/doid.jsonl"));
        assertThat(doid).hasSize(3);
        assertThat(doid.get(2)).contains("\"text\":\"Cystic fibrosis\"");
        assertThat(Files.readString(dir.resolve("labels/patterns.jsonl"))).contains("\"text\":\"lisinopril\"");
    }

    @Test
    void should_train_and_save_a_student_from_teacher_labels_when_given_a_labelled_file() throws Exception {
        CommandLineRun label = CommandLineRun.of("label", corpus().toString(), "--teacher", "patterns",
                "--out", dir.resolve("labels").toString(), "--quiet");
        assertThat(label.exitCode()).as(label.err()).isZero();

        CommandLineRun train = CommandLineRun.of("train", "--train", dir.resolve("labels/patterns.jsonl").toString(),
                "--epochs", "1", "--out", dir.resolve("model").toString(), "--json", "--quiet");

        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode summary = JSON.readTree(train.lastLine());
        assertThat(summary.get("trainDocuments").asInt()).isEqualTo(3);
        assertThat(summary.get("types")).extracting(JsonNode::asText).containsExactly("DISEASE", "MEDICATION");
        assertThat(dir.resolve("model/model.safetensors")).isRegularFile();
    }

    @Test
    void should_name_the_problem_when_a_teacher_or_file_is_wrong() throws Exception {
        CommandLineRun unknown = CommandLineRun.of("label", corpus().toString(), "--teacher", "umls", "--out", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown teacher 'umls'").contains("doid=FILE");

        CommandLineRun missing = CommandLineRun.of("label", corpus().toString(), "--teacher", "doid=/nonexistent/doid.obo",
                "--out", dir.toString());
        assertThat(missing.err()).contains("no such file or folder: /nonexistent/doid.obo");

        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"id\":\"n1\",\"text\":\"abc\",\"entities\":[{\"start\":0,\"end\":9,\"type\":\"DISEASE\",\"text\":\"abc\"}]}\n");
        CommandLineRun malformed = CommandLineRun.of("train", "--train", broken.toString(), "--out", dir.resolve("m").toString());
        assertThat(malformed.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(malformed.err()).contains("broken.jsonl:1").contains("entities[0].end");
    }
}
