package io.github.meddistill.teachers.openai;

import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.FAST;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.KEY;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.meddistill.core.Document;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request body the OpenAI teacher sends, validated against OpenAI's own published OpenAPI specification
 * (openai/openai-openapi, 2026-08-21, MIT; {@code src/test/resources/openai-spec}), not against our loopback server:
 * where the two disagree, the specification wins. The bodies are the ones the teacher really sent to the loopback
 * server: chat completions with {@code json_schema} for non-reasoning and reasoning models (and the unstructured
 * o1-mini form), the Batch API input lines with their {@code body}, the file upload's purpose and the batch creation.
 */
class OpenAiOpenApiContractTest {

    private static final String SPEC = "https://raw.githubusercontent.com/openai/openai-openapi/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema chatCompletion;
    private static Schema batchCreation;
    private static JsonNode components;

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi().pollsBeforeDone(1);
    private final LoopbackServer server = new LoopbackServer(fake);

    @BeforeAll
    static void loadSpecification() {
        String spec;
        try (InputStream in = new GZIPInputStream(OpenAiOpenApiContractTest.class
                .getResourceAsStream("/openai-spec/openai-openapi.json.gz"))) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            components = JSON.readTree(spec).path("components").path("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(SPEC, spec)));
        chatCompletion = registry.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/CreateChatCompletionRequest"));
        batchCreation = registry.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/CreateBatchRequest"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher.Builder teacher(String model) {
        return OpenAiTeacher.builder(model).baseUrl(server.baseUrl() + "/v1").apiKey(KEY).retryPolicy(FAST)
                .cacheDirectory(cache).batchPollInterval(Duration.ofMillis(10));
    }

    private static List<String> violations(Schema schema, JsonNode body) {
        List<String> messages = new ArrayList<>();
        for (Error error : schema.validate(body)) {
            messages.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return messages;
    }

    private JsonNode sentChatBody() {
        List<RecordedRequest> chats = server.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
        assertThat(chats).hasSize(1);
        return chats.get(0).json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "o1-mini"})
    void should_send_a_chat_completion_the_specification_accepts_when_the_model_is_not_a_reasoning_model_or_is_o1_mini(
            String model) {
        // given
        try (LlmTeacher teacher = teacher(model).seed(11).price(Price.FREE).build()) {
            // when
            teacher.annotate(NOTE);
        }

        // then
        JsonNode body = sentChatBody();
        assertThat(violations(chatCompletion, body)).as("%s request %s", model, body).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o3-mini", "o4-mini", "gpt-5", "gpt-5-mini"})
    void should_send_a_chat_completion_the_specification_accepts_when_the_model_is_a_reasoning_model(String model) {
        // given
        try (LlmTeacher teacher = teacher(model).reasoningEffort(ReasoningEffort.MEDIUM).maxOutputTokens(2_000)
                .price(Price.FREE).build()) {
            // when
            teacher.annotate(NOTE);
        }

        // then
        JsonNode body = sentChatBody();
        assertThat(body.has("max_completion_tokens")).isTrue();
        assertThat(violations(chatCompletion, body)).as("%s request %s", model, body).isEmpty();
    }

    @Test
    void should_send_a_chat_completion_the_specification_accepts_when_structured_output_is_off() {
        try (LlmTeacher teacher = teacher("gpt-4o").structuredOutput(false).temperature(0.3).build()) {
            teacher.annotate(NOTE);
        }

        assertThat(violations(chatCompletion, sentChatBody())).isEmpty();
    }

    @Test
    void should_upload_batch_lines_and_create_a_batch_the_specification_accepts_when_batching() throws IOException {
        // given
        List<Document> notes = List.of(NOTE, new Document("n2", "Fever and cough; on aspirin."));
        try (LlmTeacher teacher = teacher("gpt-4o").seed(3).build()) {
            // when
            teacher.awaitBatch(teacher.submitBatch(notes).id(), notes);
        }

        // then: the upload's purpose is one the spec names, and every JSONL line's body is a chat completion
        RecordedRequest upload = server.requests().get(0);
        assertThat(upload.path()).isEqualTo("/v1/files");
        List<String> purposes = new ArrayList<>();
        components.path("CreateFileRequest").path("properties").path("purpose").path("enum")
                .forEach(p -> purposes.add(p.asText()));
        assertThat(purposes).contains(multipartField(upload.bodyText(), "purpose"));
        List<String> endpoints = new ArrayList<>();
        components.path("CreateBatchRequest").path("properties").path("endpoint").path("enum")
                .forEach(e -> endpoints.add(e.asText()));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl(upload.bodyText())) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(2).allSatisfy(line -> {
            assertThat(line.path("method").asText()).isEqualTo("POST");
            assertThat(endpoints).contains(line.path("url").asText());
            assertThat(line.path("custom_id").asText()).isNotBlank();
            assertThat(violations(chatCompletion, line.path("body"))).as("line %s", line).isEmpty();
        });
        // and the batch creation is a CreateBatchRequest over the same endpoint as the lines
        JsonNode create = server.requests().get(1).json();
        assertThat(server.requests().get(1).path()).isEqualTo("/v1/batches");
        assertThat(violations(batchCreation, create)).as("batch creation %s", create).isEmpty();
        assertThat(create.path("endpoint").asText()).isEqualTo(lines.get(0).path("url").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'model':'gpt-4o','messages':[]}",
        "{'model':'gpt-4o','messages':[{'role':'doctor','content':'x'}]}",
        "{'model':'gpt-4o','messages':[{'role':'user','content':'x'}],'reasoning_effort':'extreme'}",
        "{'model':'gpt-4o','messages':[{'role':'user','content':'x'}],'response_format':{'type':'json_schema','json_schema':{'strict':true}}}",
        "{'model':'gpt-4o','messages':[{'role':'user','content':'x'}],'max_tokens':'many'}"})
    void should_report_violations_when_a_body_breaks_the_specification(String body) throws IOException {
        // the validator is live and follows $refs: no messages, an unknown role, an unknown reasoning effort,
        // a json_schema format without its name, a count that is not an integer
        JsonNode bad = JSON.readTree(body.replace('\'', '"'));

        assertThat(violations(chatCompletion, bad)).isNotEmpty();
    }

    private static String multipartField(String body, String name) {
        String marker = "name=\"" + name + "\"\r\n\r\n";
        int start = body.indexOf(marker) + marker.length();
        return body.substring(start, body.indexOf("\r\n", start));
    }

    private static List<String> jsonl(String multipartBody) {
        int start = multipartBody.indexOf("\r\n\r\n", multipartBody.indexOf("filename=")) + 4;
        int end = multipartBody.indexOf("\r\n--", start);
        return multipartBody.substring(start, end).lines().filter(l -> !l.isBlank()).toList();
    }
}
