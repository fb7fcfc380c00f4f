package io.github.meddistill.teachers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.BatchJob;
import io.github.meddistill.teachers.InvalidAnswerException;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.QuotaExhaustedException;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.testing.FakeGemini;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.RecordedRequest;
import io.github.meddistill.teachers.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiTeacherTest {

    private static final String KEY = "AIzaSyTEST-SECRET-0123456789";
    private static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(40), 0.2,
            Duration.ofSeconds(2));
    private static final Document NOTE = new Document("g1", "Cough and fever for 3 days; history of hypertension on lisinopril.");

    @TempDir
    Path cache;

    private final FakeGemini fake = new FakeGemini();
    private final LoopbackServer server = new LoopbackServer(fake);

    @AfterEach
    void stop() {
        server.close();
    }

    private GeminiTeacher.Builder teacher(String model) {
        return GeminiTeacher.builder(model).baseUrl(server.baseUrl()).apiKey(KEY).retryPolicy(FAST).cacheDirectory(cache)
                .batchPollInterval(Duration.ofMillis(10));
    }

    @Test
    void should_send_system_instruction_json_schema_and_key_header_when_labelling() {
        try (LlmTeacher flash = teacher("gemini-2.0-flash").seed(3).build()) {
            Annotation annotation = flash.annotate(NOTE);

            RecordedRequest request = server.requests().get(0);
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
            assertThat(request.query()).isNull();
            assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
            JsonNode body = request.json();
            assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asText()).contains("- SYMPTOM: ");
            assertThat(body.path("contents").get(0).path("role").asText()).isEqualTo("user");
            assertThat(body.path("contents").get(0).path("parts").get(0).path("text").asText()).contains(NOTE.text());
            JsonNode config = body.path("generationConfig");
            assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
            assertThat(config.path("temperature").asDouble()).isZero();
            assertThat(config.path("seed").asLong()).isEqualTo(3);
            assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(4096);
            JsonNode schema = config.path("responseSchema");
            assertThat(schema.path("type").asText()).isEqualTo("OBJECT");
            assertThat(schema.toString()).doesNotContain("additionalProperties");
            JsonNode type = schema.path("properties").path("entities").path("items").path("properties").path("type");
            assertThat(type.path("type").asText()).isEqualTo("STRING");
            assertThat(type.path("enum").toString()).isEqualTo("[\"DISEASE\",\"MEDICATION\",\"SYMPTOM\"]");

            assertThat(annotation.entities()).extracting(e -> e.text() + "/" + e.type())
                    .containsExactly("Cough/SYMPTOM", "fever/SYMPTOM", "hypertension/DISEASE", "lisinopril/MEDICATION");
        }
    }

    @Test
    void should_count_thoughts_as_output_and_cached_content_as_cached_input_when_usage_metadata_has_them() {
        server.handler(r -> Reply.json(200, FakeGemini.response("{\"entities\":[{\"text\":\"fever\",\"type\":\"SYMPTOM\"}]}",
                "STOP", 2000, 1000, 50, 150).toString()));
        try (LlmTeacher flash = teacher("gemini-2.5-flash").thinkingBudget(1024).build()) {
            LabellingRun run = flash.label(List.of(NOTE));

            assertThat(server.requests().get(0).json().path("generationConfig").path("thinkingConfig")
                    .path("thinkingBudget").asInt()).isEqualTo(1024);
            assertThat(run.results().get(0).report().usage()).isEqualTo(new TokenUsage(2000, 1000, 200, 150));
            // gemini-2.5-flash: 0.30 input, 0.075 cached, 2.50 output per 1M
            assertThat(run.totals().costUsd()).isCloseTo((1000 * 0.30 + 1000 * 0.075 + 200 * 2.50) / 1e6, offset(1e-12));
        }
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("500", Reply.json(500,
                        "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}")),
                Arguments.of("503", Reply.json(503,
                        "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}")),
                Arguments.of("reset mid-body",
                        Reply.json(200, FakeGemini.response("{\"entities\":[]}", "STOP", 10, 0, 5, 0).toString()).resetMidBody()),
                Arguments.of("malformed JSON", Reply.json(200, "{\"candidates\": [")),
                Arguments.of("timeout", Reply.json(200, "{}").delayed(2500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void should_retry_and_label_when_transient_fault(String fault, Reply reply) {
        fake.thenFail(reply);
        try (LlmTeacher flash = teacher("gemini-2.0-flash").requestTimeout(Duration.ofMillis(1500)).build()) {
            assertThat(flash.annotate(NOTE).entities()).hasSize(4);
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void should_mark_answer_truncated_when_finish_reason_is_max_tokens() {
        server.handler(r -> Reply.json(200, FakeGemini.response("{\"entities\":[{\"text\":\"fev", "MAX_TOKENS", 100, 0, 4096, 0)
                .toString()));
        try (LlmTeacher flash = teacher("gemini-2.0-flash").build()) {
            assertThatThrownBy(() -> flash.annotate(NOTE)).isInstanceOfSatisfying(InvalidAnswerException.class,
                    e -> assertThat(e.kind()).isEqualTo(InvalidAnswerException.Kind.TRUNCATED));
        }
    }

    @Test
    void should_stop_without_retrying_when_daily_quota_is_exhausted() {
        server.handler(r -> Reply.json(429, """
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.",
                "status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
                "violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
                "quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"model":"gemini-2.0-flash"},
                "quotaValue":"200"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"43s"}]}}"""));
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            notes.add(new Document("q" + i, "Note " + i + " with fever."));
        }
        try (LlmTeacher flash = teacher("gemini-2.0-flash").maxConcurrency(1).build()) {
            LabellingRun run = flash.label(notes);

            assertThat(run.failures()).hasSize(10).allSatisfy(f -> assertThat(f.failure().orElseThrow())
                    .isInstanceOf(QuotaExhaustedException.class).hasMessageContaining("per-day quota"));
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void should_retry_after_retry_info_delay_when_per_minute_quota_is_exhausted() {
        fake.thenFail(Reply.json(429, """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":
                "GenerateRequestsPerMinutePerProjectPerModel"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.4s"}]}}"""));
        try (LlmTeacher flash = teacher("gemini-2.0-flash").build()) {
            long started = System.nanoTime();
            flash.annotate(NOTE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(380));
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void should_fail_as_authentication_error_without_the_key_when_key_is_invalid() {
        server.handler(r -> Reply.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}"));
        try (LlmTeacher flash = teacher("gemini-2.0-flash").build()) {
            assertThatThrownBy(() -> flash.annotate(NOTE)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("API_KEY_INVALID").satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void should_label_through_inline_batch_and_resume_by_id_in_a_new_teacher() {
        List<Document> notes = List.of(NOTE, new Document("g2", "Pneumonia treated; no fever now."),
                new Document("g3", "Aspirin daily for chest pain."));
        String batchId;
        try (LlmTeacher flash = teacher("gemini-2.0-flash").build()) {
            BatchJob job = flash.submitBatch(notes);
            batchId = job.id();
            assertThat(job.submittedRequests()).isEqualTo(3);
            assertThat(batchId).startsWith("batches/");
        }
        RecordedRequest create = server.requests().get(0);
        assertThat(create.path()).isEqualTo("/v1beta/models/gemini-2.0-flash:batchGenerateContent");
        JsonNode requests = create.json().path("batch").path("inputConfig").path("requests").path("requests");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).path("request").path("generationConfig").path("responseMimeType").asText())
                .isEqualTo("application/json");

        try (LlmTeacher resumed = teacher("gemini-2.0-flash").build()) {
            LabellingRun run = resumed.awaitBatch(batchId, notes);
            assertThat(run.allLabelled()).isTrue();
            assertThat(run.totals().paidRequests()).isEqualTo(3);
            assertThat(run.annotations().get(1).entities()).extracting(e -> e.text()).containsExactly("Pneumonia", "fever");
        }
        assertThat(server.requests()).noneMatch(r -> r.path().endsWith(":generateContent"));
        try (LlmTeacher again = teacher("gemini-2.0-flash").build()) {
            assertThat(again.submitBatch(notes).submitted()).isFalse();
            assertThat(again.label(notes).totals().paidRequests()).isZero();
        }
    }
}
