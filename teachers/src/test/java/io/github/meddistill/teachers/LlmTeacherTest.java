package io.github.meddistill.teachers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.UsageReporter;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour every LLM teacher shares (concurrency, progress, dedup, close), exercised through the OpenAI provider. */
class LlmTeacherTest {

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi();
    private final LoopbackServer server = new LoopbackServer(r -> fake.apply(r).delayed(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher.Builder teacher() {
        return OpenAiTeacher.builder("gpt-4o").baseUrl(server.baseUrl() + "/v1").apiKey("sk-test").cacheDirectory(cache)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ofSeconds(1)));
    }

    private static List<Document> notes(int n) {
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            notes.add(new Document("d" + i, "Note " + i + ": fever and cough, on aspirin."));
        }
        return notes;
    }

    @Test
    void should_keep_at_most_max_concurrency_requests_in_flight_when_labelling_many_notes() {
        try (LlmTeacher gpt = teacher().maxConcurrency(3).build()) {
            LabellingRun run = gpt.label(notes(24));

            assertThat(run.allLabelled()).isTrue();
            assertThat(server.maxInFlight()).isEqualTo(3);
        }
    }

    @Test
    void should_report_progress_after_every_note_with_growing_cost_when_labelling() {
        List<Progress> events = new CopyOnWriteArrayList<>();
        try (LlmTeacher gpt = teacher().maxConcurrency(4).progressListener(events::add).build()) {
            gpt.label(notes(10));
        }
        assertThat(events).hasSize(10);
        assertThat(events).extracting(Progress::notesDone).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(events).allSatisfy(p -> assertThat(p.notesTotal()).isEqualTo(10));
        assertThat(events).extracting(Progress::costUsd).isSorted();
        Progress last = events.get(9);
        assertThat(last.failures()).isZero();
        assertThat(last.totals().usage().inputTokens()).isPositive();
        assertThat(last.costUsd()).isPositive();
    }

    @Test
    void should_send_one_request_and_reuse_its_answer_when_notes_have_the_same_text() {
        List<Document> duplicates = List.of(new Document("a", "Same fever note."), new Document("b", "Same fever note."),
                new Document("c", "Same fever note."));
        try (LlmTeacher gpt = teacher().maxConcurrency(3).build()) {
            LabellingRun run = gpt.label(duplicates);

            assertThat(run.allLabelled()).isTrue();
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(run.totals().paidRequests()).isEqualTo(1);
            assertThat(run.totals().cachedAnswers()).isEqualTo(2);
        }
    }

    @Test
    void should_send_zero_requests_and_keep_totals_when_rerun_over_same_cache() {
        List<Document> notes = notes(6);
        UsageTotals first;
        try (LlmTeacher gpt = teacher().build()) {
            first = gpt.label(notes).totals();
        }
        int requests = server.requestCount();
        try (LlmTeacher again = teacher().build()) {
            LabellingRun rerun = again.label(notes);

            assertThat(server.requestCount()).isEqualTo(requests);
            assertThat(rerun.annotations()).hasSize(6);
            assertThat(rerun.totals().paidRequests()).isZero();
            assertThat(rerun.totals().cachedAnswers()).isEqualTo(6);
            assertThat(rerun.totals().costUsd()).isZero();
            assertThat(((UsageReporter) again).costUsd()).isZero();
            assertThat(first.paidRequests()).isEqualTo(6);
            assertThat(first.costPerNote()).isPositive();
            assertThat(first.latencyPerNote()).isPositive();
        }
    }

    @Test
    void should_pay_again_when_prompt_version_or_parameters_change() {
        List<Document> notes = notes(2);
        try (LlmTeacher gpt = teacher().build()) {
            gpt.label(notes);
        }
        try (LlmTeacher seeded = teacher().seed(1).build()) {
            seeded.label(notes);
        }
        PromptTemplate v2 = new PromptTemplate("my-prompt-v2", PromptTemplate.DEFAULT.system() + " Be thorough.",
                PromptTemplate.DEFAULT.user());
        try (LlmTeacher reprompted = teacher().promptTemplate(v2).build()) {
            reprompted.label(notes);
        }
        assertThat(server.requestCount()).isEqualTo(6);
    }

    @Test
    void should_throw_run_exception_holding_every_result_when_some_notes_fail() {
        server.handler(r -> r.bodyText().contains("Note 1:") ? Reply.json(400, "{\"error\":{\"message\":\"bad\"}}")
                : fake.apply(r));
        try (LlmTeacher gpt = teacher().build()) {
            assertThatThrownBy(() -> gpt.annotateAll(notes(3))).isInstanceOfSatisfying(TeacherRunException.class, e -> {
                assertThat(e.getMessage()).contains("1 of 3 notes").contains("document d1").contains("HTTP 400");
                assertThat(e.run().annotations()).hasSize(2);
                assertThat(e.getCause()).isInstanceOf(InvalidRequestException.class);
            });
            assertThat(gpt.totals().failedNotes()).isEqualTo(1);
        }
    }

    @Test
    void should_fail_notes_without_sending_when_teacher_is_closed() {
        LlmTeacher gpt = teacher().build();
        gpt.close();

        LabellingRun run = gpt.label(notes(2));

        assertThat(run.failures()).hasSize(2);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_space_requests_when_requests_per_minute_is_set() {
        try (LlmTeacher gpt = teacher().maxConcurrency(8).requestsPerMinute(1200).build()) {
            long started = System.nanoTime();
            gpt.label(notes(40));
            // 1,200/min = 20/s with a burst of 20: 40 requests need at least ~1 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void should_space_requests_by_estimated_tokens_when_tokens_per_minute_is_set() {
        // each request counts about 250 prompt tokens (characters / 4) + 100 output tokens;
        // 120,000/min = 2,000/s with a burst of 2,000, so 10 requests (~3,500 tokens) need at least ~0.7 s
        try (LlmTeacher gpt = teacher().maxConcurrency(8).maxOutputTokens(100).tokensPerMinute(120_000).build()) {
            long started = System.nanoTime();
            gpt.label(notes(10));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void should_ask_the_shared_budget_once_per_paid_request_and_never_for_cached_answers_when_one_is_set() {
        // given a budget that counts what it is asked for
        List<Long> asked = new CopyOnWriteArrayList<>();
        RequestBudget budget = asked::add;
        try (LlmTeacher gpt = teacher().requestBudget(budget).maxOutputTokens(100).build()) {
            // when the same notes are labelled twice
            gpt.label(notes(5));
            gpt.label(notes(5));
        }

        // then only the five paid requests asked, each with its estimated tokens
        assertThat(asked).hasSize(5).allSatisfy(tokens -> assertThat(tokens).isGreaterThan(100));
        assertThat(server.requestCount()).isEqualTo(5);
    }

    @Test
    void should_reject_a_shared_budget_with_own_limits_when_both_are_set() {
        assertThatThrownBy(() -> teacher().requestBudget(tokens -> { }).requestsPerMinute(60).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestBudget").hasMessageContaining("requestsPerMinute(60)");
    }

    @Test
    void should_not_pay_again_for_answers_another_teacher_stored_when_its_cache_is_refreshed() {
        // given two teachers on one cache directory, opened before either labelled (two executors of a job)
        try (LlmTeacher first = teacher().build(); LlmTeacher second = teacher().build()) {
            first.label(notes(4));

            // when the second refreshes its cache and labels the same notes
            int read = second.refreshCache();
            LabellingRun run = second.label(notes(4));

            // then
            assertThat(read).isEqualTo(4);
            assertThat(run.allLabelled()).isTrue();
            assertThat(server.requestCount()).isEqualTo(4);
        }
    }
}
