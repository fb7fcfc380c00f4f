package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TeachersBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new TeachersBenchCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void should_print_throughput_per_concurrency_and_a_request_free_cached_rerun_as_json_when_asked() throws Exception {
        int exit = run("--json", "--latency-ms", "40", "--concurrency", "1,4", "--rounds", "2", "--cached-notes", "60");

        assertThat(exit).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.path("latencyMs").asInt()).isEqualTo(40);
        assertThat(json.path("notesPerSecond").path("1").asDouble()).isPositive().isLessThanOrEqualTo(1000.0 / 40 * 1.05);
        assertThat(json.path("notesPerSecond").path("4").asDouble()).isGreaterThan(json.path("notesPerSecond").path("1").asDouble());
        assertThat(json.path("cachedRequests").asInt()).isZero();
        assertThat(json.path("cachedAnswersServed").asInt()).isEqualTo(60);
        assertThat(json.path("cachedNotesPerSecond").asDouble()).isPositive();
        assertThat(out.toString()).contains("concurrency").contains("cached re-run");
    }

    @Test
    void should_refuse_non_positive_settings() {
        int exit = run("--rounds", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("must be positive");
    }
}
