package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.examples.spark.SparkBenchmark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SparkBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new SparkBenchCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void should_exit_2_and_name_the_folder_when_the_data_folder_lacks_mtsamples(@TempDir Path empty) {
        int code = run("--data", empty.toString(), "--json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(empty.toString(), "mtsamples");
    }

    @Test
    void should_print_the_issue_keys_and_the_efficiency_when_a_result_is_written() throws Exception {
        SparkBenchmark.Result result = new SparkBenchmark.Result(100_000, 512.0, "tiny", 8, 32,
                new SparkBenchmark.Run("single JVM", 1, 100, 1000, 42),
                List.of(new SparkBenchmark.Run("local[1]", 1, 105, 952.4, 42),
                        new SparkBenchmark.Run("local[2]", 2, 55, 1800, 42)), 1.5);

        JsonNode json = new ObjectMapper().readTree(result.toJson());

        assertThat(json.path("notes").asInt()).isEqualTo(100_000);
        assertThat(json.path("notesPerSecond").path("1").asDouble()).isEqualTo(952.4);
        assertThat(json.path("notesPerSecond").path("2").asDouble()).isEqualTo(1800);
        assertThat(json.path("singleJvmNotesPerSecond").asDouble()).isEqualTo(1000);
        assertThat(json.path("scalingEfficiency").asDouble()).isEqualTo(0.9);
        assertThat(json.path("entitiesAgree").asBoolean()).isTrue();
        assertThat(json.path("machineScaling2Threads").asDouble()).isEqualTo(1.5);
        assertThat(json.path("efficiencyOfAvailableCores").asDouble()).isEqualTo(1.2);
        assertThat(result.toTable()).contains("local[2]", "scaling efficiency at 2 cores: 0.90", "agree in every run");
    }

    @Test
    void should_measure_local_1_and_local_2_against_one_jvm_with_equal_entities_when_run_on_few_notes() throws Exception {
        Path data = Path.of(System.getProperty("meddistill.shared.data"));

        int code = run("--data", data.toString(), "--notes", "200", "--partitions", "2", "--json");

        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.path("notes").asInt()).isEqualTo(200);
        assertThat(json.path("notesPerSecond").path("1").asDouble()).isPositive();
        assertThat(json.path("notesPerSecond").path("2").asDouble()).isPositive();
        assertThat(json.path("singleJvmNotesPerSecond").asDouble()).isPositive();
        assertThat(json.path("scalingEfficiency").asDouble()).isPositive();
        assertThat(json.path("entitiesAgree").asBoolean()).isTrue();
    }
}
