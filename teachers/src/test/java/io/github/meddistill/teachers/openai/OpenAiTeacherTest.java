package io.github.meddistill.teachers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.AuthenticationException;
import io.github.meddistill.teachers.InvalidRequestException;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.NoteResult;
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiTeacherTest {

    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    static final RetryPolicy FAST = new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(40), 0.2, Duration.ofSeconds(3));
    static final Document NOTE = new Document("n1",
            "Started metformin for type 2 diabetes. Denies chest pain. Metformin 500 mg daily.");

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi();
    private final LoopbackServer server = new LoopbackServer(fake);

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher.Builder teacher(String model) {
        return OpenAiTeacher.builder(model).baseUrl(server.baseUrl() + "/v1").apiKey(KEY).retryPolicy(FAST)
                .cacheDirectory(cache).requestTimeout(Duration.ofSeconds(5));
    }

    @Test
    void should_describe_another_configuration_when_the_model_or_sampling_changes() {
        try (LlmTeacher gpt = teacher("gpt-4o").seed(7).build();
             LlmTeacher same = teacher("gpt-4o").seed(7).build();
             LlmTeacher mini = teacher("gpt-4o-mini").seed(7).build();
             LlmTeacher reseeded = teacher("gpt-4o").seed(8).build()) {
            assertThat(same.configuration()).isEqualTo(gpt.configuration()).doesNotContain(KEY);
            assertThat(List.of(mini.configuration(), reseeded.configuration()))
                    .doesNotContain(gpt.configuration()).doesNotHaveDuplicates();
        }
    }

    @Test
    void should_send_model_strict_schema_and_bearer_key_when_labelling_with_gpt_4o() {
        // given
        try (LlmTeacher gpt = teacher("gpt-4o").seed(7).build()) {
            // when
            Annotation annotation = gpt.annotate(NOTE);

            // then
            RecordedRequest request = server.requests().get(0);
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            JsonNode body = request.json();
            assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
            assertThat(body.path("temperature").asDouble()).isZero();
            assertThat(body.path("seed").asLong()).isEqualTo(7);
            assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
            assertThat(body.has("max_completion_tokens")).isFalse();
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").get(0).path("content").asText()).contains("- DISEASE: ").contains("- SYMPTOM: ")
                    .doesNotContain("metformin for type 2");
            assertThat(body.path("messages").get(1).path("content").asText()).contains(NOTE.text());
            JsonNode format = body.path("response_format");
            assertThat(format.path("type").asText()).isEqualTo("json_schema");
            assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
            JsonNode item = format.path("json_schema").path("schema").path("properties").path("entities").path("items");
            assertThat(item.path("properties").path("type").path("enum").toString())
                    .isEqualTo("[\"DISEASE\",\"MEDICATION\",\"SYMPTOM\"]");
            assertThat(item.path("additionalProperties").asBoolean(true)).isFalse();

            assertThat(annotation.source()).isEqualTo("gpt-4o");
            assertThat(annotation.entities()).containsExactly(
                    Entity.of(NOTE.text(), 8, 17, EntityType.MEDICATION),
                    Entity.of(NOTE.text(), 22, 37, EntityType.DISEASE),
                    Entity.of(NOTE.text(), 46, 56, EntityType.SYMPTOM),
                    Entity.of(NOTE.text(), 58, 67, EntityType.MEDICATION));
        }
    }

    @Test
    void should_report_usage_with_cached_and_reasoning_tokens_and_cost_when_answer_has_usage_block() {
        // given: 1,000 prompt tokens of which 400 cached, 300 completion tokens of which 100 reasoning
        server.handler(r -> io.github.meddistill.teachers.testing.Reply.json(200, FakeOpenAi.completion("o3-mini",
                "{\"entities\":[{\"text\":\"fever\",\"type\":\"SYMPTOM\"}]}", "stop", 1000, 400, 300, 100).toString()));
        try (LlmTeacher o3 = teacher("o3-mini").build()) {
            // when
            LabellingRun run = o3.label(List.of(new Document("d", "High fever overnight.")));

            // then: o3-mini price 1.10 in / 0.55 cached / 4.40 out per 1M
            NoteResult result = run.results().get(0);
            assertThat(result.report().usage()).isEqualTo(new TokenUsage(1000, 400, 300, 100));
            double expected = (600 * 1.10 + 400 * 0.55 + 300 * 4.40) / 1e6;
            assertThat(result.report().costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(run.totals().costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(o3.costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(o3.tokenUsage()).isEqualTo(new TokenUsage(1000, 400, 300, 100));
            assertThat(result.report().latency()).isPositive();
        }
    }

    @Test
    void should_send_max_completion_tokens_and_reasoning_effort_without_temperature_when_model_is_o3_mini() {
        try (LlmTeacher o3 = teacher("o3-mini").reasoningEffort(ReasoningEffort.LOW).build()) {
            o3.annotate(NOTE);

            JsonNode body = server.requests().get(0).json();
            assertThat(o3.configuration()).contains("reasoning=true");
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.has("max_tokens")).isFalse();
            assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(16_384);
            assertThat(body.path("reasoning_effort").asText()).isEqualTo("low");
            assertThat(body.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        }
    }

    @Test
    void should_put_instructions_and_schema_in_one_user_message_when_model_is_o1_mini() {
        try (LlmTeacher o1 = teacher("o1-mini").build()) {
            Annotation annotation = o1.annotate(NOTE);

            JsonNode body = server.requests().get(0).json();
            assertThat(body.path("messages")).hasSize(1);
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
            assertThat(body.path("messages").get(0).path("content").asText()).contains("JSON schema of the answer")
                    .contains(NOTE.text());
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.has("temperature")).isFalse();
            assertThat(body.has("reasoning_effort")).isFalse();
            assertThat(annotation.entities()).hasSize(4);
        }
    }

    @Test
    void should_use_api_key_header_and_api_version_when_azure() {
        try (LlmTeacher azure = teacher("gpt-4o").baseUrl(server.baseUrl() + "/openai/deployments/my-gpt4o")
                .azureApiVersion("2024-10-21").build()) {
            azure.annotate(NOTE);

            RecordedRequest request = server.requests().get(0);
            assertThat(request.path()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
            assertThat(request.query()).isEqualTo("api-version=2024-10-21");
            assertThat(request.header("api-key")).isEqualTo(KEY);
            assertThat(request.header("Authorization")).isNull();
        }
    }

    @Test
    void should_send_no_authorization_when_local_server_has_no_key() {
        try (LlmTeacher local = OpenAiTeacher.builder("llama3.1:8b").baseUrl(server.baseUrl() + "/v1")
                .apiKey("").price(Price.FREE).cacheDirectory(cache).build()) {
            LabellingRun run = local.label(List.of(NOTE));

            assertThat(server.requests().get(0).header("Authorization")).isNull();
            assertThat(run.allLabelled()).isTrue();
            assertThat(run.totals().costUsd()).isZero();
        }
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, InvalidRequestException, 400 Bad Request",
            "401, AuthenticationException, 401 Unauthorized",
            "403, AuthenticationException, 403 Forbidden",
            "404, InvalidRequestException, 404 Not Found",
            "422, InvalidRequestException, HTTP 422"})
    void should_fail_fast_naming_the_status_without_the_key_when_client_error(int status, String exception, String words) {
        fake.thenFail(io.github.meddistill.teachers.testing.Reply.json(status, "{\"error\":{\"message\":\"Incorrect API key"
                + " provided: " + KEY + ". You can find your API key at https://platform.openai.com\",\"type\":\"invalid_request_error\"}}"));
        try (LlmTeacher gpt = teacher("gpt-4o").build()) {
            assertThatThrownBy(() -> gpt.annotate(NOTE))
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(exception))
                    .hasMessageContaining(words)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("SECRET"));
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void should_stop_sending_when_openai_says_insufficient_quota() {
        server.handler(r -> io.github.meddistill.teachers.testing.Reply.json(429, "{\"error\":{\"message\":\"You exceeded"
                + " your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\","
                + "\"code\":\"insufficient_quota\"}}"));
        try (LlmTeacher gpt = teacher("gpt-4o").maxConcurrency(1).build()) {
            LabellingRun run = gpt.label(List.of(NOTE, new Document("n2", "Fever."), new Document("n3", "Cough.")));

            assertThat(run.failures()).hasSize(3).allSatisfy(f -> assertThat(f.failure().orElseThrow())
                    .isInstanceOf(io.github.meddistill.teachers.QuotaExhaustedException.class));
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void should_name_the_missing_key_variable_when_building_for_openai_without_key() {
        assertThatThrownBy(() -> OpenAiTeacher.builder("gpt-4o").apiKeyFromEnvironment("MEDDISTILL_TEST_UNSET_VAR").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey").hasMessageContaining("MEDDISTILL_TEST_UNSET_VAR");
    }

    @Test
    void should_reject_bad_settings_naming_the_field_when_building() {
        assertThatThrownBy(() -> teacher("my-local-model").build())
                .hasMessageStartingWith("cannot build the teacher for model 'my-local-model': price:");
        assertThatThrownBy(() -> teacher("o1").temperature(0.2).build())
                .hasMessageStartingWith("cannot build the teacher for model 'o1': temperature:");
        assertThatThrownBy(() -> teacher("gpt-4o").reasoningEffort(ReasoningEffort.HIGH).build())
                .hasMessageStartingWith("cannot build the teacher for model 'gpt-4o': reasoningEffort:");
        assertThatThrownBy(() -> teacher("gpt-4o").maxConcurrency(0).build())
                .hasMessageStartingWith("cannot build the teacher for model 'gpt-4o': maxConcurrency");
        assertThatThrownBy(() -> teacher("gpt-4o").addEntityType(EntityType.of("PROCEDURE"), " ").build())
                .hasMessageStartingWith("cannot build the teacher for model 'gpt-4o': entityTypes:");
        assertThatThrownBy(() -> teacher("gpt-4o").baseUrl("localhost:8000").build())
                .hasMessageStartingWith("cannot build the teacher for model 'gpt-4o': baseUrl");
        assertThatThrownBy(() -> teacher("gpt-4o").azureApiVersion("2024-10-21").baseUrl(null).build())
                .hasMessageStartingWith("cannot build the teacher for model 'gpt-4o': azureApiVersion:");
    }

    @Test
    void should_ask_for_the_pipelines_types_and_share_usage_when_told_types_after_building_without_any() {
        try (LlmTeacher gpt = teacher("gpt-4o").build()) {
            // when: the pipeline tells the teacher it distils MEDICATION only
            Teacher told = gpt.forEntityTypes(Set.of(EntityType.MEDICATION));
            Annotation annotation = told.annotate(NOTE);

            // then: the prompt and schema ask for MEDICATION only, and the usage adds up on the teacher the caller holds
            JsonNode body = server.requests().get(0).json();
            assertThat(body.path("messages").get(0).path("content").asText()).doesNotContain("- DISEASE");
            assertThat(body.path("response_format").path("json_schema").path("schema").toString())
                    .contains("[\"MEDICATION\"]");
            assertThat(annotation.entities()).extracting(Entity::type).containsOnly(EntityType.MEDICATION);
            assertThat(gpt.totals().paidRequests()).isEqualTo(1);
            assertThat(told.configuration()).isNotEqualTo(gpt.configuration());
        }
    }

    @Test
    void should_keep_its_own_types_when_told_types_after_building_with_some() {
        try (LlmTeacher gpt = teacher("gpt-4o").addEntityType(EntityType.DISEASE).build()) {
            assertThat(gpt.forEntityTypes(Set.of(EntityType.MEDICATION))).isSameAs(gpt);
            assertThatThrownBy(() -> teacher("gpt-4o").build().forEntityTypes(Set.of(EntityType.of("PROCEDURE"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addEntityType(type, definition)");
        }
    }

    @Test
    void should_ask_only_for_requested_types_with_their_definitions_when_user_types_given() {
        try (LlmTeacher gpt = teacher("gpt-4o").addEntityType(EntityType.MEDICATION)
                .addEntityType(EntityType.of("PROCEDURE"), "a procedure done to the patient").build()) {
            Annotation annotation = gpt.annotate(NOTE);

            JsonNode body = server.requests().get(0).json();
            assertThat(body.path("messages").get(0).path("content").asText())
                    .contains("- PROCEDURE: a procedure done to the patient").doesNotContain("- DISEASE");
            assertThat(body.path("response_format").path("json_schema").path("schema").toString())
                    .contains("[\"MEDICATION\",\"PROCEDURE\"]");
            // DISEASE and SYMPTOM answers are outside the requested set: rejected and counted, not kept
            assertThat(annotation.entities()).extracting(Entity::type).containsOnly(EntityType.MEDICATION);
            assertThat(gpt.totals().rejectedMentions()).isEqualTo(2);
        }
    }
}
