package io.github.meddistill.spark.internal;

import io.github.meddistill.core.RetriableException;
import io.github.meddistill.teachers.RequestBudget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The executors' side of a job's request budget: asks the driver's {@link BudgetServer} before every paid request
 * and waits as long as it says. Serializable (host, port and the job's secret travel with the task); the connection
 * is opened on first use and reopened once if it breaks, after which the call fails with a
 * {@link RetriableException} that the teacher's retry policy handles. Thread-safe: one connection per instance,
 * held only for the instant of a reservation.
 */
public final class SharedRequestBudget implements RequestBudget, Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final String secret;
    private transient Socket socket;
    private transient BufferedReader in;
    private transient Writer out;

    SharedRequestBudget(String host, int port, String secret) {
        this.host = host;
        this.port = port;
        this.secret = secret;
    }

    /** Where the budget is served, {@code host:port}. */
    public String endpoint() {
        return host + ":" + port;
    }

    @Override
    public void acquire(long tokens) throws InterruptedException {
        long waitNanos = reserve(tokens);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    private synchronized long reserve(long tokens) {
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(tokens + "\n");
                out.flush();
                String answer = in.readLine();
                if (answer == null) {
                    throw new IOException("the driver closed the connection");
                }
                return Long.parseLong(answer.strip());
            } catch (IOException | NumberFormatException e) {
                last = e instanceof IOException io ? io : new IOException("unexpected answer: " + e.getMessage(), e);
                disconnect();
            }
        }
        throw new RetriableException("the job's request budget on the driver at " + endpoint() + " cannot be reached: "
                + last.getMessage(), last);
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            out.write(secret + "\n");
            out.flush();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken: nothing more to release
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public String toString() {
        return "SharedRequestBudget[" + endpoint() + "]";
    }
}
