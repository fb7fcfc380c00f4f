package io.github.meddistill.teachers.openai;

import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.FAST;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.KEY;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.teachers.InvalidAnswerException;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.NoteResult;
import io.github.meddistill.teachers.UnalignedMention;
import io.github.meddistill.teachers.testing.DictionaryModel;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fault table of the issue, against a real loopback server speaking the OpenAI wire format. */
class OpenAiFaultTableTest {

    private static final String ERROR = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\"}}";

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi();
    private final LoopbackServer server = new LoopbackServer(fake);

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher.Builder teacher() {
        return OpenAiTeacher.builder("gpt-4o").baseUrl(server.baseUrl() + "/v1").apiKey(KEY).retryPolicy(FAST)
                .cacheDirectory(cache).requestTimeout(Duration.ofMillis(1500));
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("429 without Retry-After", Reply.json(429, ERROR)),
                Arguments.of("500", Reply.json(500, "{\"error\":{\"message\":\"The server had an error\"}}")),
                Arguments.of("503", Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}")),
                Arguments.of("timeout", Reply.json(200, "{}").delayed(2500)),
                Arguments.of("connection reset mid-body",
                        Reply.json(200, FakeOpenAi.completion("gpt-4o", "{\"entities\":[]}", "stop", 10, 0, 5, 0).toString())
                                .resetMidBody()),
                Arguments.of("malformed response JSON", Reply.json(200, "<html>502 Bad Gateway</html>")),
                Arguments.of("completion without choices", Reply.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void should_retry_and_label_when_transient_fault(String fault, Reply reply) {
        // given
        fake.thenFail(reply);
        try (LlmTeacher gpt = teacher().build()) {
            // when
            Annotation annotation = gpt.annotate(NOTE);

            // then
            assertThat(annotation.entities()).hasSize(4);
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void should_wait_as_long_as_retry_after_says_when_429_has_retry_after() {
        fake.thenFail(Reply.json(429, ERROR).withHeader("Retry-After", "1"));
        try (LlmTeacher gpt = teacher().build()) {
            long started = System.nanoTime();
            gpt.annotate(NOTE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void should_wait_for_the_exhausted_limit_reset_when_429_has_x_ratelimit_headers() {
        fake.thenFail(Reply.json(429, ERROR).withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "600ms")
                .withHeader("x-ratelimit-remaining-tokens", "29000")
                .withHeader("x-ratelimit-reset-tokens", "6m0s"));
        try (LlmTeacher gpt = teacher().build()) {
            long started = System.nanoTime();
            gpt.annotate(NOTE);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(580)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void should_give_up_after_the_policy_attempts_when_server_keeps_failing() {
        server.handler(r -> Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        try (LlmTeacher gpt = teacher().build()) {
            assertThatThrownBy(() -> gpt.annotate(NOTE)).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("after 6 attempts").hasMessageContaining("503");
            assertThat(server.requestCount()).isEqualTo(6);
        }
    }

    static Stream<Arguments> invalidAnswers() {
        return Stream.of(
                Arguments.of("JSON breaking the schema", "{\"mentions\":[{\"text\":\"fever\"}]}", "stop",
                        InvalidAnswerException.Kind.SCHEMA_VIOLATION, "expected field 'entities' to be an array"),
                Arguments.of("entity without type", "{\"entities\":[{\"text\":\"fever\"}]}", "stop",
                        InvalidAnswerException.Kind.SCHEMA_VIOLATION, "entities[0]"),
                Arguments.of("answer not JSON", "Sure! Here are the entities: fever", "stop",
                        InvalidAnswerException.Kind.MALFORMED_JSON, "not valid JSON"),
                Arguments.of("truncated output", "{\"entities\":[{\"text\":\"metfor", "length",
                        InvalidAnswerException.Kind.TRUNCATED, "cut off"),
                Arguments.of("content filter", "", "content_filter", InvalidAnswerException.Kind.REFUSED, "refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAnswers")
    void should_count_invalid_answer_and_keep_raw_answer_in_cache_when_answer_unusable(String fault, String content,
            String finishReason, InvalidAnswerException.Kind kind, String words) {
        // given
        server.handler(r -> Reply.json(200, FakeOpenAi.completion("gpt-4o", content, finishReason, 100, 0, 20, 0).toString()));
        try (LlmTeacher gpt = teacher().build()) {
            // when
            LabellingRun run = gpt.label(List.of(NOTE));

            // then: a distinct, counted error, paid for once
            NoteResult result = run.results().get(0);
            assertThat(result.failure()).get().isInstanceOfSatisfying(InvalidAnswerException.class, e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.rawAnswer()).isEqualTo(content);
                assertThat(e.getMessage()).contains(words).contains("document n1").doesNotContain(NOTE.text());
            });
            assertThat(run.totals().invalidAnswers()).isEqualTo(1);
            assertThat(run.totals().paidRequests()).isEqualTo(1);
            assertThat(server.requestCount()).isEqualTo(1);
        }
        // and the raw answer is in the cache: a new teacher replays it without paying again
        try (LlmTeacher again = teacher().build()) {
            LabellingRun rerun = again.label(List.of(NOTE));
            assertThat(rerun.results().get(0).failure()).get().isInstanceOfSatisfying(InvalidAnswerException.class,
                    e -> assertThat(e.rawAnswer()).isEqualTo(content));
            assertThat(rerun.totals().paidRequests()).isZero();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void should_report_mentions_not_in_text_and_align_case_and_whitespace_variants_when_model_misquotes() {
        server.handler(r -> Reply.json(200, FakeOpenAi.completion("gpt-4o", "{\"entities\":["
                + "{\"text\":\"metformin\",\"type\":\"MEDICATION\"},"
                + "{\"text\":\"Type 2   Diabetes\",\"type\":\"DISEASE\"},"
                + "{\"text\":\"insulin\",\"type\":\"MEDICATION\"},"
                + "{\"text\":\"headache\",\"type\":\"SYMPTOM\"}]}", "stop", 100, 0, 40, 0).toString()));
        try (LlmTeacher gpt = teacher().build()) {
            LabellingRun run = gpt.label(List.of(NOTE));

            NoteResult result = run.results().get(0);
            assertThat(result.annotation().orElseThrow().entities()).containsExactly(
                    Entity.of(NOTE.text(), 8, 17, EntityType.MEDICATION),
                    Entity.of(NOTE.text(), 22, 37, EntityType.DISEASE));
            assertThat(result.report().unaligned()).containsExactly(
                    new UnalignedMention("insulin", "MEDICATION", UnalignedMention.Reason.NOT_IN_TEXT),
                    new UnalignedMention("headache", "SYMPTOM", UnalignedMention.Reason.NOT_IN_TEXT));
            assertThat(run.totals().unfoundMentions()).isEqualTo(2);
        }
    }

    @Test
    void should_send_nothing_and_return_no_entities_when_note_is_empty() {
        try (LlmTeacher gpt = teacher().build()) {
            LabellingRun run = gpt.label(List.of(new Document("empty", ""), new Document("blank", " \n\t ")));

            assertThat(run.allLabelled()).isTrue();
            assertThat(run.annotations()).allSatisfy(a -> assertThat(a.entities()).isEmpty());
            assertThat(run.results()).allSatisfy(r -> assertThat(r.report().chunks()).isZero());
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void should_chunk_and_merge_every_occurrence_with_exact_offsets_when_note_has_100k_characters() {
        // given
        String[] sentences = {"Patient reports fever and cough since Monday. ", "Continues metformin and aspirin daily. ",
                "History of hypertension and type 2 diabetes. ", "No chest pain at rest; vitals stable overnight. ",
                "Follow-up in the clinic in two weeks with labs. "};
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append(sentences[i % sentences.length]);
            if (i % 7 == 6) {
                text.append("\n\n");
            }
        }
        Document longNote = new Document("long", text.toString());
        try (LlmTeacher gpt = teacher().chunking(1000, 100).build()) {
            // when
            LabellingRun run = gpt.label(List.of(longNote));

            // then
            NoteResult result = run.results().get(0);
            assertThat(result.isLabelled()).isTrue();
            int chunks = result.report().chunks();
            assertThat(chunks).isGreaterThanOrEqualTo(25);
            assertThat(server.requestCount()).isEqualTo(chunks);
            assertThat(server.requests()).allSatisfy(r -> assertThat(
                    r.json().path("messages").get(1).path("content").asText().length()).isLessThanOrEqualTo(4100));
            assertThat(result.annotation().orElseThrow().entities()).containsExactlyElementsOf(expectedEntities(longNote.text()));
            assertThat(result.report().unaligned()).isEmpty();
        }
    }

    private static List<Entity> expectedEntities(String text) {
        List<Entity> expected = new ArrayList<>();
        for (Map.Entry<String, String> term : DictionaryModel.TERMS.entrySet()) {
            for (int i = text.indexOf(term.getKey()); i >= 0; i = text.indexOf(term.getKey(), i + 1)) {
                expected.add(Entity.of(text, i, i + term.getKey().length(), EntityType.of(term.getValue())));
            }
        }
        return expected.stream().sorted(Entity.DOCUMENT_ORDER).toList();
    }

    @Test
    void should_never_log_the_key_or_note_text_when_retrying_and_failing() {
        // given
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        fake.thenFail(Reply.json(429, ERROR), Reply.json(500, "{\"error\":{\"message\":\"boom\"}}"),
                Reply.json(200, FakeOpenAi.completion("gpt-4o", "{\"entities\":[{\"text\":\"metfor",
                        "length", 10, 0, 5, 0).toString()));
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (LlmTeacher gpt = teacher().build()) {
            // when
            gpt.label(List.of(NOTE));
        } finally {
            System.setErr(original);
        }
        // then
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("HTTP 429").contains("cut off");
        assertThat(log).doesNotContain(KEY).doesNotContain("SECRET").doesNotContain("metformin")
                .doesNotContain(NOTE.text().toLowerCase(Locale.ROOT).substring(0, 20));
    }
}
