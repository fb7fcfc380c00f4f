package io.github.meddistill.teachers.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (JDK HttpServer) that records every request and answers with a
 * handler. Counts responses sent in full with status 200: the requests a provider would bill.
 */
public final class LoopbackServer implements AutoCloseable {

    static {
        // without TCP_NODELAY small responses wait ~40 ms for delayed ACKs (Nagle), unlike real endpoints
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicInteger paidResponses = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<RecordedRequest, Reply> handler;

    public LoopbackServer(Function<RecordedRequest, Reply> handler) {
        this.handler = handler;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start loopback server", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public void handler(Function<RecordedRequest, Reply> newHandler) {
        this.handler = newHandler;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests().size();
    }

    /** Responses with status 200 sent in full. */
    public int paidResponses() {
        return paidResponses.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean released = false;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            synchronized (this) {
                requests.add(request);
            }
            Reply reply;
            try {
                reply = handler.apply(request);
            } catch (RuntimeException | AssertionError e) {
                reply = Reply.json(599, "{\"error\":{\"message\":\"test handler failed: " + e.getClass().getSimpleName() + "\"}}");
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            // the client may send its next request as soon as it has read this response: stop counting this one
            // before answering, or a fast client looks like one request too many in flight
            inFlight.decrementAndGet();
            released = true;
            if (reply.misbehaviour() == Reply.Misbehaviour.RESET_MID_BODY) {
                exchange.sendResponseHeaders(reply.status(), bytes.length + 1000L);
                exchange.getResponseBody().write(bytes, 0, Math.min(10, bytes.length));
                exchange.getResponseBody().flush();
                return;
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            if (reply.status() == 200) {
                paidResponses.incrementAndGet();
            }
        } finally {
            if (!released) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
