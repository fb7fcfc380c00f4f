package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = MedDistillCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "eval";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        return command.execute(withCommand);
    }

    private Path write(String name, String... lines) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static String line(String id, String text, String entities) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"entities\":[" + entities + "]}";
    }

    private static String entity(int start, int end, String type, String text) {
        return "{\"start\":" + start + ",\"end\":" + end + ",\"type\":\"" + type + "\",\"text\":\"" + text + "\"}";
    }

    @Test
    void should_print_strict_and_lenient_scores_as_json_when_asked() throws Exception {
        // gold: d1 fever [0,5) + aspirin [15,22); d2 breast cancer [4,17)
        // pred: d1 fever exact, "aspiri" [15,21) off by one; d2 "cancer" [11,17) nested
        Path gold = write("gold.jsonl",
                line("d1", "Fever, take an aspirin.", entity(0, 5, "DISEASE", "Fever") + "," + entity(15, 22, "MEDICATION", "aspirin")),
                line("d2", "New breast cancer.", entity(4, 17, "DISEASE", "breast cancer")));
        Path pred = write("pred.jsonl",
                line("d2", "New breast cancer.", entity(11, 17, "DISEASE", "cancer")),
                line("d1", "Fever, take an aspirin.", entity(0, 5, "DISEASE", "Fever") + "," + entity(15, 21, "MEDICATION", "aspiri")));
        Path html = directory.resolve("reports/eval.html");

        int exit = run("--gold", gold.toString(), "--pred", pred.toString(), "--html", html.toString(), "--json",
                "--resamples", "200");

        assertThat(exit).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("documents").asInt()).isEqualTo(2);
        JsonNode strictMicro = json.get("strict").get("micro");
        assertThat(strictMicro.get("tp").asInt()).isEqualTo(1);
        assertThat(strictMicro.get("fp").asInt()).isEqualTo(2);
        assertThat(strictMicro.get("fn").asInt()).isEqualTo(2);
        assertThat(strictMicro.get("f1").asDouble()).isEqualTo(2.0 / 6);
        JsonNode lenientDisease = json.get("lenient").get("perType").get("DISEASE");
        assertThat(lenientDisease.get("tp").asInt()).isEqualTo(2);
        assertThat(lenientDisease.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(lenientDisease.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(json.get("strict").get("perType").get("MEDICATION").get("f1").asDouble()).isEqualTo(0.0);
        assertThat(json.get("lenient").get("micro").get("f1").asDouble()).isEqualTo(1.0);
        assertThat(json.get("system").asText()).isEqualTo("pred");
        assertThat(Files.readString(html)).contains("<svg", "0.333");
        assertThat(out.toString()).contains("| pred | system | micro |");
    }

    @Test
    void should_name_the_missing_file() {
        int exit = run("--gold", directory.resolve("nope.jsonl").toString(), "--pred", directory.resolve("p.jsonl").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--gold").contains("nope.jsonl: no such file");
    }

    @Test
    void should_name_file_and_line_when_a_line_is_malformed() throws Exception {
        Path gold = write("gold.jsonl", line("d1", "fever", entity(0, 5, "DISEASE", "fever")));
        Path pred = write("pred.jsonl", line("d1", "fever", ""), "{\"id\": \"d2\", \"text\": ");

        int exit = run("--gold", gold.toString(), "--pred", pred.toString());

        assertThat(exit).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(err.toString()).contains("meddistill eval: ").contains("pred.jsonl:2: field 'line'");
    }

    @Test
    void should_name_the_document_missing_from_the_predictions() throws Exception {
        Path gold = write("gold.jsonl", line("d1", "fever", ""), line("d2", "cough", ""));
        Path pred = write("pred.jsonl", line("d1", "fever", ""));

        int exit = run("--gold", gold.toString(), "--pred", pred.toString(), "--json");

        assertThat(exit).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(err.toString()).contains("document 'd2' is in gold but missing from the predictions of pred");
        JsonNode error = new ObjectMapper().readTree(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(error.get("error").get("exitCode").asInt()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(error.get("error").get("message").asText()).contains("document 'd2'");
    }

    @Test
    void should_print_usage_when_asked_for_help() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--gold", "--pred", "--html", "--json");
    }
}
