package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.examples.student.StudentQuality;
import picocli.CommandLine;

class StudentQualityBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new StudentQualityBenchCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void should_exit_2_and_name_the_folder_when_ncbi_disease_is_missing(@TempDir Path empty) {
        int code = run("--data", empty.toString(), "--init", "random");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(empty.toString(), "ncbi_disease");
    }

    @Test
    void should_print_the_issue_keys_when_a_result_is_written_as_json() throws Exception {
        StudentQuality.Result result = new StudentQuality.Result("minilm", 0.8, 0.79, 0.81, 0.82, 3, 2, 600, 10,
                List.of(new StudentQuality.EpochLine(1, 0.3, 0.7, 200, true),
                        new StudentQuality.EpochLine(2, 0.1, 0.82, 200, true)));

        JsonNode json = new ObjectMapper().readTree(result.toJson());

        assertThat(json.path("init").asText()).isEqualTo("minilm");
        assertThat(json.path("strictF1").asDouble()).isEqualTo(0.8);
        assertThat(json.path("devF1").asDouble()).isEqualTo(0.82);
        assertThat(json.path("epochs").asInt()).isEqualTo(3);
        assertThat(json.path("trainSeconds").asDouble()).isEqualTo(600);
        assertThat(result.toTable()).contains("F1=0.8000", "best epoch 2");
    }
}
