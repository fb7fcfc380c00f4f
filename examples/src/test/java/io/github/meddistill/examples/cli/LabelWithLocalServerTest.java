package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code label --teacher openai=MODEL --openai-base-url URL} against a loopback OpenAI-compatible server. */
class LabelWithLocalServerTest {

    private static final String ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1732500000,"model":"llama3.1",
             "choices":[{"index":0,"message":{"role":"assistant","content":
               "{\\"entities\\":[{\\"text\\":\\"aspirin\\",\\"type\\":\\"MEDICATION\\"},{\\"text\\":\\"headache\\",\\"type\\":\\"SYMPTOM\\"}]}"},
               "finish_reason":"stop"}],
             "usage":{"prompt_tokens":90,"completion_tokens":20,"total_tokens":110}}""";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void should_label_with_a_local_model_and_answer_a_rerun_from_the_cache() throws Exception {
        Path notes = dir.resolve("notes.jsonl");
        Files.write(notes, List.of("{\"id\":\"n1\",\"text\":\"Took aspirin for a headache.\",\"entities\":[]}"),
                StandardCharsets.UTF_8);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        String[] args = {"label", notes.toString(), "--teacher", "openai=llama3.1", "--openai-base-url", url,
                "--out", dir.resolve("labels").toString(), "--json", "--quiet"};

        CommandLineRun first = CommandLineRun.of(args);
        CommandLineRun again = CommandLineRun.of(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(new ObjectMapper().readTree(first.lastLine()).get("teachers").get(0).get("entities").asInt()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("labels/llama3.1.jsonl")))
                .contains("\"text\":\"aspirin\"").contains("\"type\":\"SYMPTOM\"");
        assertThat(requests.get()).isEqualTo(1);
    }
}
