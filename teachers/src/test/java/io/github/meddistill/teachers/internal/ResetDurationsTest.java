package io.github.meddistill.teachers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResetDurationsTest {

    @ParameterizedTest
    @CsvSource({"1s, 1000", "6m0s, 360000", "20ms, 20", "1h2m3.5s, 3723500", "0.5s, 500", "34s, 34000"})
    void should_parse_go_durations_when_openai_or_gemini_send_them(String text, long millis) {
        assertThat(ResetDurations.parseGoDuration(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"'', ", "soon, ", "5, ", "1x, ", "s, "})
    void should_return_empty_when_duration_is_not_go_syntax(String text, String ignored) {
        assertThat(ResetDurations.parseGoDuration(text)).isEmpty();
    }

    @Test
    void should_parse_retry_after_seconds_and_http_dates() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThat(ResetDurations.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(ResetDurations.parseRetryAfter("Wed, 25 Nov 2026 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(ResetDurations.parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(ResetDurations.parseRetryAfter("later", now)).isEmpty();
    }

    @Test
    void should_take_the_reset_of_the_exhausted_limit_when_openai_sends_rate_limit_headers() {
        HttpHeaders tokensExhausted = HttpHeaders.of(Map.of("x-ratelimit-remaining-requests", List.of("499"),
                "x-ratelimit-reset-requests", List.of("120ms"), "x-ratelimit-remaining-tokens", List.of("0"),
                "x-ratelimit-reset-tokens", List.of("6m0s")), (a, b) -> true);
        assertThat(HttpErrors.serverHint(tokensExhausted)).contains(Duration.ofMinutes(6));

        HttpHeaders retryAfterWins = HttpHeaders.of(Map.of("retry-after", List.of("2"),
                "x-ratelimit-reset-tokens", List.of("6m0s")), (a, b) -> true);
        assertThat(HttpErrors.serverHint(retryAfterWins)).contains(Duration.ofSeconds(2));

        HttpHeaders millis = HttpHeaders.of(Map.of("retry-after-ms", List.of("250")), (a, b) -> true);
        assertThat(HttpErrors.serverHint(millis)).contains(Duration.ofMillis(250));

        assertThat(HttpErrors.serverHint(HttpHeaders.of(Map.of(), (a, b) -> true))).isEqualTo(Optional.empty());
    }

    @Test
    void should_mask_key_like_strings_when_quoting_server_messages() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdEFGH1234. Also AIzaSyA1234567890abcdef\"}}";
        assertThat(HttpErrors.serverMessage(body)).get().asString()
                .doesNotContain("sk-proj-abcdEFGH1234").doesNotContain("AIzaSyA1234567890abcdef").contains("***");
    }
}
