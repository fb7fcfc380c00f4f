package io.github.meddistill.examples.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat completions server on loopback that answers every request with the same
 * entities, in the real wire format (choices, finish_reason, usage), and counts the requests.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();

    private LoopbackOpenAiServer(String answerContent, Duration delay) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "id", "chatcmpl-1", "object", "chat.completion", "created", 1732500000, "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", answerContent))),
                "usage", Map.of("prompt_tokens", 100, "completion_tokens", 25, "total_tokens", 125)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis()); // one request at a time: the server has a single thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Starts a server whose assistant message is {@code answerContent} (our {@code {"entities":[...]}} JSON). */
    public static LoopbackOpenAiServer answering(String answerContent) {
        return answering(answerContent, Duration.ZERO);
    }

    /**
     * As {@link #answering(String)}, each answer sent {@code delay} after its request arrived; requests are served
     * one at a time, so labelling takes at least {@code delay} per note (a slow model, to stop a run mid-labelling).
     */
    public static LoopbackOpenAiServer answering(String answerContent, Duration delay) {
        try {
            return new LoopbackOpenAiServer(answerContent, delay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback server", e);
        }
    }

    /** The base URL to give an OpenAI teacher, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Chat completion requests received so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * The bodies of the requests answered so far, in the order they were read. A request a killed client had
     * already sent is still read and answered (into a closed socket), so it appears here after the kill.
     */
    public List<String> requestBodies() {
        return List.copyOf(requestBodies);
    }

    /** The body of the last chat completion request, or "" before the first. */
    public String lastRequestBody() {
        return requestBodies.isEmpty() ? "" : requestBodies.get(requestBodies.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
