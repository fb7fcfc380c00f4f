package io.github.meddistill.teachers.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the waits servers ask for: {@code Retry-After} (seconds or an HTTP date), OpenAI's
 * {@code retry-after-ms} and {@code x-ratelimit-reset-*} durations such as {@code 1s}, {@code 6m0s},
 * {@code 20ms} or {@code 1h2m3.5s}, and protobuf durations such as Gemini's {@code "34s"}.
 */
public final class ResetDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private ResetDurations() {
    }

    /** A Go-style duration ({@code 6m0s}, {@code 20ms}, {@code 1.5s}); empty if it is not one. */
    public static Optional<Duration> parseGoDuration(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        Matcher m = PART.matcher(s);
        int position = 0;
        double nanos = 0;
        while (m.find()) {
            if (m.start() != position) {
                return Optional.empty();
            }
            double value = Double.parseDouble(m.group(1));
            nanos += value * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                default -> 1e6;
            };
            position = m.end();
        }
        return position == s.length() && position > 0 ? Optional.of(Duration.ofNanos((long) nanos)) : Optional.empty();
    }

    /** OpenAI's {@code retry-after-ms}: a number of milliseconds; empty if it is not one. */
    public static Optional<Duration> parseMillis(String text) {
        try {
            double ms = Double.parseDouble(text.strip());
            return ms < 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) (ms * 1e6)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110); empty if it is neither. */
    public static Optional<Duration> parseRetryAfter(String text, ZonedDateTime now) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        try {
            double seconds = Double.parseDouble(s);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
