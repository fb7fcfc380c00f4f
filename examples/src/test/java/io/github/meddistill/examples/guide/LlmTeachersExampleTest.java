package io.github.meddistill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.teachers.LlmTeacher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "local" path of the example against a loopback server speaking the OpenAI chat completions format. */
class LlmTeachersExampleTest {

    private static final String ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1732500000,"model":"llama3.1",
             "choices":[{"index":0,"message":{"role":"assistant","content":
               "{\\"entities\\":[{\\"text\\":\\"metformin\\",\\"type\\":\\"MEDICATION\\"},{\\"text\\":\\"type 2 diabetes\\",\\"type\\":\\"DISEASE\\"}]}"},
               "finish_reason":"stop"}],
             "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}""";

    @TempDir
    Path cache;

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
    void should_label_notes_through_a_local_server_and_answer_again_from_the_cache_when_rerun() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        Document note = new Document("n1", "Started metformin for type 2 diabetes.");

        try (LlmTeacher teacher = LlmTeachersExample.teacher("local", "llama3.1", url, cache)) {
            Annotation labels = teacher.annotateAll(List.of(note)).get(0);
            assertThat(labels.entities()).extracting(e -> e.type() + ":" + e.text())
                    .containsExactly("MEDICATION:metformin", "DISEASE:type 2 diabetes");
        }
        try (LlmTeacher again = LlmTeachersExample.teacher("local", "llama3.1", url, cache)) {
            again.annotateAll(List.of(note));
            assertThat(again.totals().paidRequests()).isZero();
        }
        assertThat(requests.get()).isEqualTo(1);
    }
}
