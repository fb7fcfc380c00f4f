package io.github.meddistill.examples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Entity;
import io.github.meddistill.student.BertStudent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkExtractJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_write_every_note_with_the_students_entities_when_submitted_over_a_folder_of_jsonl_notes()
            throws Exception {
        // given a saved student and two JSONL files of notes with an extra field
        Path student = SparkBenchmark.trainTiny();
        Path notes = Files.createDirectories(work.resolve("notes"));
        SyntheticCorpus corpus = SyntheticCorpus.fromTranscriptions(List.of(
                "HISTORY: The patient has hypertension and takes lisinopril daily. She denies chest pain.",
                "PLAN: Continue metformin for diabetes. Follow up in two weeks with the clinic."));
        Map<String, String> texts = new HashMap<>();
        for (int file = 0; file < 2; file++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "n" + file + i;
                texts.put(id, corpus.note(file * 3 + i));
                lines.add(JSON.writeValueAsString(Map.of("id", id, "site", "A", "text", texts.get(id))));
            }
            Files.write(notes.resolve("part-" + file + ".jsonl"), lines, StandardCharsets.UTF_8);
        }
        Path output = work.resolve("entities");
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");

        // when
        try {
            SparkExtractJob.main(new String[] {student.toString(), notes.toString(), output.toString()});
        } finally {
            for (String key : List.of("spark.master", "spark.driver.host", "spark.driver.bindAddress", "spark.ui.enabled")) {
                System.clearProperty(key);
            }
        }

        // then the output folder is complete and every note has the single-JVM entities and its other fields
        assertThat(output.resolve("_SUCCESS")).exists();
        Map<String, JsonNode> written = new HashMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    JsonNode node = JSON.readTree(line);
                    written.put(node.path("id").asText(), node);
                }
            }
        }
        assertThat(written.keySet()).isEqualTo(texts.keySet());
        try (BertStudent oneJvm = BertStudent.load(student)) {
            for (Map.Entry<String, String> note : texts.entrySet()) {
                JsonNode row = written.get(note.getKey());
                assertThat(row.path("site").asText()).isEqualTo("A");
                List<Entity> expected = oneJvm.extract(note.getValue());
                assertThat(row.path("entities").size()).isEqualTo(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    JsonNode e = row.path("entities").get(i);
                    assertThat(e.path("start").asInt()).isEqualTo(expected.get(i).start());
                    assertThat(e.path("end").asInt()).isEqualTo(expected.get(i).end());
                    assertThat(e.path("type").asText()).isEqualTo(expected.get(i).type().name());
                    assertThat(e.path("text").asText()).isEqualTo(expected.get(i).text());
                }
            }
        }
    }
}
