package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.examples.testing.LoopbackOpenAiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code label --teacher openai=MODEL --openai-base-url URL} against a loopback OpenAI-compatible server. */
class LabelWithLocalServerTest {

    @TempDir
    Path dir;

    @Test
    void should_label_with_a_local_model_and_answer_a_rerun_from_the_cache() throws Exception {
        Path notes = dir.resolve("notes.jsonl");
        Files.write(notes, List.of("{\"id\":\"n1\",\"text\":\"Took aspirin for a headache.\",\"entities\":[]}"),
                StandardCharsets.UTF_8);
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.answering(
                "{\"entities\":[{\"text\":\"aspirin\",\"type\":\"MEDICATION\"},{\"text\":\"headache\",\"type\":\"SYMPTOM\"}]}")) {
            String[] args = {"label", notes.toString(), "--teacher", "openai=llama3.1", "--openai-base-url", server.baseUrl(),
                    "--out", dir.resolve("labels").toString(), "--json", "--quiet"};

            CommandLineRun first = CommandLineRun.of(args);
            CommandLineRun again = CommandLineRun.of(args);

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(new ObjectMapper().readTree(first.lastLine()).get("teachers").get(0).get("entities").asInt()).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("labels/llama3.1.jsonl")))
                    .contains("\"text\":\"aspirin\"").contains("\"type\":\"SYMPTOM\"");
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
