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

import io.github.meddistill.examples.student.StudentBenchmark;
import picocli.CommandLine;

class StudentBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new StudentBenchCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void should_exit_2_and_name_the_folder_when_the_data_folder_lacks_the_corpora(@TempDir Path empty) {
        int code = run("--data", empty.toString(), "--json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(empty.toString(), "mtsamples");
    }

    @Test
    void should_print_the_issue_keys_when_a_result_is_written_as_json() throws Exception {
        StudentBenchmark.Result result = new StudentBenchmark.Result(100.0, 90.0, 96, 50, List.of(
                new StudentBenchmark.ConfigResult("tiny", 120.5, 9000, 30.2, 20, 100.0, 0.2, 900, 75)));

        JsonNode json = new ObjectMapper().readTree(result.toJson());

        assertThat(json.path("matmulGflops").asDouble()).isEqualTo(100.0);
        assertThat(json.path("libtorchMatmulGflops").asDouble()).isEqualTo(90.0);
        JsonNode config = json.path("configs").get(0);
        assertThat(config.path("name").asText()).isEqualTo("tiny");
        assertThat(config.path("rooflineGflops").asDouble()).isEqualTo(100.0);
        for (String key : List.of("trainSeqPerSec", "trainTokensPerSec", "inferNotesPerSec", "rooflineFraction",
                "peakRssMb")) {
            assertThat(config.has(key)).as(key).isTrue();
        }
        assertThat(result.toTable()).contains("tiny", "20.0%");
    }
}
