package io.github.meddistill.teachers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.teachers.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The HTTP side of the providers, once: a JDK {@link HttpClient} on HTTP/1.1, a timeout per request, the mapping of
 * transport failures and non-2xx responses to our exceptions, and retried exchanges for calls outside the
 * teacher's own retry loop (batch files and jobs). Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {

    private final String provider;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Function<HttpResponse<String>, MedDistillException> errors;
    private final Retrier retrier;
    private volatile boolean closed;
    /** Whether any request got an HTTP response: from then on a refused connection is retried. */
    private volatile boolean serverAnswered;

    /**
     * @param provider the provider's name, for messages
     * @param errors the exception for a non-2xx response (e.g. {@code r -> HttpErrors.map("openai", r)})
     */
    public HttpTransport(String provider, Duration connectTimeout, Duration requestTimeout, RetryPolicy retryPolicy,
                         Function<HttpResponse<String>, MedDistillException> errors) {
        this.provider = provider;
        this.requestTimeout = requestTimeout;
        this.errors = errors;
        this.retrier = new Retrier(retryPolicy, () -> closed);
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A request builder for {@code uri} with the request timeout. */
    public HttpRequest.Builder requestTo(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /** Sends {@code request} once and returns the 2xx response; anything else is one of our exceptions. */
    public HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            serverAnswered = true;
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw connectionFailure(request, e);
        } catch (HttpTimeoutException e) {
            throw new RetriableException(provider + ": no complete answer within " + requestTimeout.toSeconds()
                    + " s (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new RetriableException(provider + ": connection failed or was reset (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonRetriableException(provider + ": interrupted while waiting for an answer", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw errors.apply(response);
        }
        return response;
    }

    /** Sends {@code request} with retries and returns the 2xx response. */
    public HttpResponse<String> exchange(HttpRequest request, String what) {
        return retrier.call(provider + " " + what, () -> send(request));
    }

    /** The parsed JSON of a response body; a body that is not a JSON object is a retriable failure. */
    public JsonNode readResponse(String body, String what) {
        try {
            JsonNode node = Json.read(body);
            if (node == null || !node.isObject()) {
                throw new RetriableException(provider + " " + what + ": response body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RetriableException(provider + " " + what + ": response body is not valid JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Stops retries that are waiting. Idempotent. */
    @Override
    public void close() {
        closed = true;
        retrier.wakeUp();
    }

    /**
     * A connection that could not even be opened: retried once the server has answered (it may be restarting), but
     * failed at once before that, since a wrong URL or a server that is not running does not get better by waiting.
     */
    private MedDistillException connectionFailure(HttpRequest request, IOException e) {
        String reason = e instanceof HttpConnectTimeoutException
                ? "no connection within " + http.connectTimeout().map(Duration::toSeconds).orElse(0L) + " s"
                : hasCause(e, UnresolvedAddressException.class) ? "unknown host " + request.uri().getHost()
                : "connection refused";
        if (serverAnswered) {
            return new RetriableException(provider + ": cannot connect to " + request.uri() + " (" + reason + ")", e);
        }
        return new NonRetriableException(provider + ": cannot connect to " + request.uri() + " (" + reason + "),"
                + " and nothing has answered there yet, so it is not retried: check the URL and that the server is"
                + " running", e);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
