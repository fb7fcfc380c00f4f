package io.github.meddistill.teachers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Document;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 notes against a server that answers 20% of requests with 429 and 5% with 5xx; the first run is
 * stopped half-way (and its journal gets a torn last line, as after a kill mid-write); a second teacher
 * over the same cache directory finishes. Every note must end labelled and the provider must have
 * answered exactly one paid (HTTP 200) request per note.
 */
class CrashResumeTest {

    private static final int NOTES = 200;
    private static final RetryPolicy FAST = new RetryPolicy(12, Duration.ofMillis(2), Duration.ofMillis(20), 0.5,
            Duration.ofSeconds(1));

    @TempDir
    Path cache;

    @Test
    void should_label_every_note_paying_once_per_note_when_faults_and_a_crash_interrupt_the_run() throws IOException {
        // given: faults decided per (note, attempt) with a fixed seed, so thread timing does not change them
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        AtomicInteger injected429 = new AtomicInteger();
        AtomicInteger injected5xx = new AtomicInteger();
        FakeOpenAi fake = new FakeOpenAi();
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            notes.add(new Document("note-" + i, "Visit " + i + ": started metformin " + (250 + i) + " mg for type 2 diabetes;"
                    + (i % 3 == 0 ? " reports fever and cough." : " denies chest pain.")));
        }
        try (LoopbackServer server = new LoopbackServer(request -> {
            String user = request.json().path("messages").get(1).path("content").asText();
            int attempt = attempts.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
            double dice = new SplittableRandom(42L + user.hashCode() * 1_000_003L + attempt).nextDouble();
            if (dice < 0.20) {
                injected429.incrementAndGet();
                return Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
            }
            if (dice < 0.25) {
                injected5xx.incrementAndGet();
                return Reply.json(attempt % 2 == 0 ? 500 : 503, "{\"error\":{\"message\":\"server error\"}}");
            }
            return fake.apply(request).delayed(3);
        })) {
            // when: the first run is stopped once 100 notes are done
            AtomicBoolean crashed = new AtomicBoolean();
            LlmTeacher[] first = new LlmTeacher[1];
            first[0] = builder(server).progressListener(p -> {
                if (p.notesDone() >= NOTES / 2 && crashed.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(first[0]::close);
                }
            }).build();
            LabellingRun interrupted = first[0].label(notes);
            first[0].close();
            long labelledBefore = interrupted.results().stream().filter(NoteResult::isLabelled).count();
            tearLastLine();

            LabellingRun resumed;
            try (LlmTeacher second = builder(server).build()) {
                resumed = second.label(notes);
            }

            // then
            assertThat(labelledBefore).isBetween((long) NOTES / 2, (long) NOTES - 1);
            assertThat(interrupted.failures()).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.failure().orElseThrow()).hasMessageContaining("closed"));
            assertThat(resumed.allLabelled()).isTrue();
            assertThat(resumed.annotations()).hasSize(NOTES).allSatisfy(a -> assertThat(a.entities()).hasSizeGreaterThanOrEqualTo(2));
            assertThat(resumed.totals().cachedAnswers()).isEqualTo(labelledBefore);
            assertThat(resumed.totals().paidRequests()).isEqualTo(NOTES - labelledBefore);
            assertThat(server.paidResponses()).isEqualTo(NOTES);
            assertThat(interrupted.totals().paidRequests() + resumed.totals().paidRequests()).isEqualTo(NOTES);
            assertThat(injected429.get()).isGreaterThan(20);
            assertThat(injected5xx.get()).isGreaterThan(3);
        }
    }

    private OpenAiTeacher.Builder builder(LoopbackServer server) {
        return OpenAiTeacher.builder("gpt-4o-mini").baseUrl(server.baseUrl() + "/v1").apiKey("sk-test")
                .retryPolicy(FAST).maxConcurrency(8).cacheDirectory(cache).requestTimeout(Duration.ofSeconds(5));
    }

    /** Appends half a journal line to the newest journal, as a kill in the middle of a write leaves it. */
    private void tearLastLine() throws IOException {
        Path journal;
        try (Stream<Path> files = Files.list(cache)) {
            journal = files.filter(p -> p.getFileName().toString().startsWith("answers-")).findFirst().orElseThrow();
        }
        Files.writeString(journal, "0badc0de\t{\"key\":\"0123\",\"provider\":\"openai\",\"content\":\"{\\\"entit",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
