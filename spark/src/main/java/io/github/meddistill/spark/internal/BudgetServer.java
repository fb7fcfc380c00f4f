package io.github.meddistill.spark.internal;

import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.spark.JobRateLimit;
import io.github.meddistill.teachers.internal.RateLimiter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of a job's request budget: token buckets for requests and tokens per minute (the teachers'
 * own {@link RateLimiter}), served over TCP to every executor. A client opens a connection, sends the job's secret
 * on the first line, then one line per request with its estimated tokens; the server reserves from both buckets and
 * answers with the nanoseconds the client must wait before sending. Reserving is instant, so one connection per
 * executor serves all its threads; the waiting happens on the executors. Thread-safe; close it to stop serving.
 */
public final class BudgetServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetServer.class);

    private final ServerSocket socket;
    private final String secret;
    private final RateLimiter requests;
    private final RateLimiter tokens;
    private final AtomicLong granted = new AtomicLong();
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "meddistill-budget-connection");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private BudgetServer(ServerSocket socket, JobRateLimit limit) {
        this.socket = socket;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random);
        this.requests = limit.requestsPerMinute() != null ? new RateLimiter(limit.requestsPerMinute()) : null;
        this.tokens = limit.tokensPerMinute() != null ? new RateLimiter(limit.tokensPerMinute()) : null;
        Thread acceptor = new Thread(this::acceptLoop, "meddistill-budget-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts serving {@code limit} on an ephemeral port of {@code bindAddress}. */
    public static BudgetServer start(String bindAddress, JobRateLimit limit) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 64);
            LOG.info("job request budget {} served on {}:{}", limit, bindAddress, socket.getLocalPort());
            return new BudgetServer(socket, limit);
        } catch (IOException e) {
            throw new MedDistillException("cannot serve the job's request budget on " + bindAddress + ": "
                    + e.getMessage(), e);
        }
    }

    /** The client executors use, reaching this server at {@code advertisedHost}. */
    public SharedRequestBudget client(String advertisedHost) {
        return new SharedRequestBudget(advertisedHost, socket.getLocalPort(), secret);
    }

    /** Requests granted so far, to every executor together. */
    public long granted() {
        return granted.get();
    }

    /** Reserves one request of {@code tokenCount} tokens and returns how long its sender must wait. */
    Duration reserve(long tokenCount) {
        Duration wait = Duration.ZERO;
        if (requests != null) {
            wait = requests.reserve(1);
        }
        if (tokens != null) {
            Duration tokenWait = tokens.reserve(tokenCount);
            wait = tokenWait.compareTo(wait) > 0 ? tokenWait : wait;
        }
        granted.incrementAndGet();
        return wait;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("job request budget: accepting a connection failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            client.setTcpNoDelay(true);
            String hello = in.readLine();
            if (hello == null || !MessageDigest.isEqual(hello.getBytes(StandardCharsets.US_ASCII),
                    secret.getBytes(StandardCharsets.US_ASCII))) {
                LOG.warn("job request budget: refused a connection from {} without the job's secret",
                        client.getRemoteSocketAddress());
                return;
            }
            for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
                long tokenCount;
                try {
                    tokenCount = Long.parseLong(line.strip());
                } catch (NumberFormatException e) {
                    LOG.warn("job request budget: expected a token count from {}, got {} characters; closing",
                            client.getRemoteSocketAddress(), line.length());
                    return;
                }
                out.write(reserve(Math.max(0, tokenCount)).toNanos() + "\n");
                out.flush();
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("job request budget: connection from {} ended: {}", client.getRemoteSocketAddress(),
                        e.toString());
            }
        }
    }

    /** Stops accepting and serving; executors asking after this fail with a retriable error. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the job request budget socket: {}", e.toString());
        }
        connections.shutdownNow();
    }
}
