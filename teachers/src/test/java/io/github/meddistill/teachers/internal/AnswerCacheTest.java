package io.github.meddistill.teachers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.ModelAnswer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCacheTest {

    @TempDir
    Path dir;

    private static CachedAnswer answer(String key, AnswerStatus status, String content) {
        return new CachedAnswer(key, "openai", "gpt-4o", new ModelAnswer(content, status, "stop",
                new TokenUsage(100, 20, 30, 5)), 42, false);
    }

    private List<Path> journals() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("answers-.*\\.jsonl")).sorted().toList();
        }
    }

    @Test
    void should_return_stored_answers_when_reopened() {
        try (AnswerCache cache = AnswerCache.open(dir)) {
            cache.put(answer("k1", AnswerStatus.COMPLETE, "{\"entities\":[]}"));
            cache.put(answer("k2", AnswerStatus.TRUNCATED, "{\"entit"));
        }
        try (AnswerCache reopened = AnswerCache.open(dir)) {
            assertThat(reopened.size()).isEqualTo(2);
            assertThat(reopened.get("k1")).get().isEqualTo(answer("k1", AnswerStatus.COMPLETE, "{\"entities\":[]}"));
            assertThat(reopened.get("k2").orElseThrow().answer().status()).isEqualTo(AnswerStatus.TRUNCATED);
            assertThat(reopened.skippedLines()).isZero();
        }
    }

    @Test
    void should_ignore_torn_last_line_and_corrupt_lines_when_reopened_after_crash() throws IOException {
        try (AnswerCache cache = AnswerCache.open(dir)) {
            cache.put(answer("k1", AnswerStatus.COMPLETE, "a"));
            cache.put(answer("k2", AnswerStatus.COMPLETE, "b"));
            cache.put(answer("k3", AnswerStatus.COMPLETE, "c"));
        }
        Path journal = journals().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"b\"", "\"B\""));
        Files.write(journal, lines, StandardCharsets.UTF_8);
        Files.writeString(journal, "1234abcd\t{\"key\":\"k4\",\"cont", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (AnswerCache reopened = AnswerCache.open(dir)) {
            assertThat(reopened.get("k1")).isPresent();
            assertThat(reopened.get("k2")).isEmpty();
            assertThat(reopened.get("k3")).isPresent();
            assertThat(reopened.get("k4")).isEmpty();
            assertThat(reopened.skippedLines()).isEqualTo(2);
            // writing again after a crash goes to a new journal and leaves the torn one alone
            reopened.put(answer("k2", AnswerStatus.COMPLETE, "b"));
        }
        try (AnswerCache third = AnswerCache.open(dir)) {
            assertThat(third.size()).isEqualTo(3);
            assertThat(journals()).hasSize(2);
        }
    }

    @Test
    void should_keep_every_answer_when_several_caches_and_threads_write_at_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (AnswerCache a = AnswerCache.open(dir); AnswerCache b = AnswerCache.open(dir)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                AnswerCache target = i % 2 == 0 ? a : b;
                String key = "key-" + i;
                futures.add(pool.submit(() -> target.put(answer(key, AnswerStatus.COMPLETE, "x".repeat(500) + key))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (AnswerCache reopened = AnswerCache.open(dir)) {
            assertThat(reopened.size()).isEqualTo(400);
            assertThat(reopened.skippedLines()).isZero();
            assertThat(reopened.get("key-399").orElseThrow().answer().content()).endsWith("key-399");
        }
    }

    @Test
    void should_read_answers_another_cache_stored_after_opening_when_refreshed() {
        // given two caches on one directory, as two executors of a Spark job
        try (AnswerCache first = AnswerCache.open(dir); AnswerCache second = AnswerCache.open(dir)) {
            first.put(answer("k1", AnswerStatus.COMPLETE, "a"));
            assertThat(second.get("k1")).isEmpty();

            // when
            int read = second.refresh();

            // then
            assertThat(read).isEqualTo(1);
            assertThat(second.get("k1")).get().isEqualTo(answer("k1", AnswerStatus.COMPLETE, "a"));
            assertThat(second.refresh()).isZero();
            assertThat(first.refresh()).isZero();
        }
    }

    @Test
    void should_leave_a_line_without_newline_for_the_next_refresh_when_it_is_still_being_written() throws IOException {
        // given a journal whose writer has written half a line so far
        try (AnswerCache reader = AnswerCache.open(dir)) {
            Path other = dir.resolve("answers-20260101T000000-1-abcdef01.jsonl");
            Path source = Files.createTempDirectory(dir.getParent(), "source");
            try (AnswerCache writer = AnswerCache.open(source)) {
                writer.put(answer("k9", AnswerStatus.COMPLETE, "z"));
            }
            String line;
            try (Stream<Path> files = Files.list(source)) {
                line = Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
            }
            Files.writeString(other, line.substring(0, 20), StandardCharsets.UTF_8);

            // when the half line is seen, then the rest
            int half = reader.refresh();
            Files.writeString(other, line.substring(20), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            int whole = reader.refresh();

            // then
            assertThat(half).isZero();
            assertThat(whole).isEqualTo(1);
            assertThat(reader.get("k9")).isPresent();
            assertThat(reader.skippedLines()).isZero();
        }
    }

    @Test
    void should_prefer_a_complete_answer_when_a_key_also_has_an_invalid_one() {
        try (AnswerCache cache = AnswerCache.open(dir)) {
            cache.put(answer("k", AnswerStatus.TRUNCATED, "{\"ent"));
            cache.put(answer("k", AnswerStatus.COMPLETE, "{\"entities\":[]}"));
            cache.put(answer("k", AnswerStatus.REFUSED, ""));
            assertThat(cache.get("k").orElseThrow().answer().status()).isEqualTo(AnswerStatus.COMPLETE);
        }
        try (AnswerCache reopened = AnswerCache.open(dir)) {
            assertThat(reopened.get("k").orElseThrow().answer().status()).isEqualTo(AnswerStatus.COMPLETE);
        }
    }

    @Test
    void should_write_no_file_when_in_memory() throws IOException {
        try (AnswerCache cache = AnswerCache.inMemory()) {
            cache.put(answer("k", AnswerStatus.COMPLETE, "x"));
            assertThat(cache.get("k")).isPresent();
            assertThat(cache.directory()).isEmpty();
        }
        assertThat(journals()).isEmpty();
    }
}
