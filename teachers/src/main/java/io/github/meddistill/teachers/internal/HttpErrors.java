package io.github.meddistill.teachers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.InvalidRequestException;
import io.github.meddistill.teachers.QuotaExhaustedException;
import io.github.meddistill.teachers.RateLimitedException;
import io.github.meddistill.teachers.ServerErrorException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps an HTTP error response to our exceptions, once for all providers: 429 rate limited, 408/5xx
 * server error (both retried), 401/403 authentication, other 4xx invalid request (not retried).
 * Messages name the provider and status and quote the server's error message with anything that
 * looks like a key masked; 401/403 messages never quote the server (OpenAI echoes part of the key).
 */
public final class HttpErrors {

    private static final Pattern KEY_LIKE = Pattern.compile("(sk-[A-Za-z0-9_*\\-]{4,}|AIza[0-9A-Za-z_\\-]{10,}|[A-Za-z0-9_\\-]{32,})");
    private static final int MAX_QUOTED = 300;

    private HttpErrors() {
    }

    /** The exception for a non-2xx response. */
    public static MedDistillException map(String provider, int status, HttpHeaders headers, String body) {
        String detail = serverMessage(body).map(m -> ": " + m).orElse("");
        if (status == 429) {
            if (body != null && body.contains("insufficient_quota")) {
                return new QuotaExhaustedException(provider + " HTTP 429: the account's quota or credit is used up"
                        + " (insufficient_quota); not retrying" + detail);
            }
            return new RateLimitedException(provider + " HTTP 429 Too Many Requests" + detail, serverHint(headers).orElse(null));
        }
        if (status == 408 || status >= 500) {
            return new ServerErrorException(provider + " HTTP " + status + " server error" + detail, status,
                    serverHint(headers).orElse(null));
        }
        if (status == 401 || status == 403) {
            return new AuthenticationException(provider + " HTTP " + status + (status == 401 ? " Unauthorized" : " Forbidden")
                    + ": the API key is missing, invalid or lacks permission for this model (the key is not shown)", status);
        }
        if (status == 404) {
            return new InvalidRequestException(provider + " HTTP 404 Not Found: unknown model, deployment or endpoint"
                    + " (check the model name and base URL)" + detail, status);
        }
        return new InvalidRequestException(provider + " HTTP " + status + (status == 400 ? " Bad Request" : "")
                + ": the request was rejected" + detail, status);
    }

    /** The longest of the waits the server asked for, if it asked. */
    public static Optional<Duration> serverHint(HttpHeaders headers) {
        Optional<Duration> hint = headers.firstValue("retry-after-ms").flatMap(ResetDurations::parseMillis);
        if (hint.isEmpty()) {
            hint = headers.firstValue("retry-after").flatMap(v -> ResetDurations.parseRetryAfter(v, ZonedDateTime.now()));
        }
        if (hint.isPresent()) {
            return hint;
        }
        Optional<Duration> requests = exhausted(headers, "requests")
                ? headers.firstValue("x-ratelimit-reset-requests").flatMap(ResetDurations::parseGoDuration) : Optional.empty();
        Optional<Duration> tokens = exhausted(headers, "tokens")
                ? headers.firstValue("x-ratelimit-reset-tokens").flatMap(ResetDurations::parseGoDuration) : Optional.empty();
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens);
    }

    /** Whether the {@code x-ratelimit-remaining-<what>} header says 0, or is absent (then its reset counts). */
    private static boolean exhausted(HttpHeaders headers, String what) {
        return headers.firstValue("x-ratelimit-remaining-" + what).map(v -> v.strip().equals("0")).orElse(true);
    }

    /** The server's error message ({@code error.message}), masked and shortened. */
    public static Optional<String> serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String message;
        try {
            JsonNode root = Json.read(body);
            JsonNode error = root.isArray() && !root.isEmpty() ? root.get(0).path("error") : root.path("error");
            message = error.isTextual() ? error.asText() : error.path("message").asText("");
        } catch (Exception notJson) {
            message = "";
        }
        if (message.isBlank()) {
            return Optional.empty();
        }
        String masked = KEY_LIKE.matcher(message).replaceAll("***");
        return Optional.of(masked.length() > MAX_QUOTED ? masked.substring(0, MAX_QUOTED) + "..." : masked);
    }
}
