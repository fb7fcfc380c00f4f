package io.github.meddistill.teachers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.ChatProvider;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import io.github.meddistill.teachers.testing.DictionaryModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A teacher on a {@link ChatProvider} of the user's own: the teacher does cache, retries, alignment and cost. */
class ChatProviderTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 0.0,
            Duration.ofSeconds(1));
    private static final Document NOTE = new Document("n1", "Fever since Monday; started aspirin.");

    @TempDir
    Path cache;

    /** The dictionary "model" behind a plain lambda, answering as structured output would. */
    private static ModelAnswer answer(Prompt prompt) {
        StringBuilder json = new StringBuilder("{\"entities\":[");
        List<String[]> mentions = DictionaryModel.label(DictionaryModel.noteOf(prompt.user()));
        for (int i = 0; i < mentions.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"text\":\"").append(mentions.get(i)[0]).append("\",\"type\":\"")
                    .append(mentions.get(i)[1]).append("\"}");
        }
        return new ModelAnswer(json.append("]}").toString(), AnswerStatus.COMPLETE, "stop", new TokenUsage(100, 0, 20, 0));
    }

    @Test
    void should_label_cache_and_price_answers_when_the_provider_is_a_lambda() {
        // given
        List<Prompt> asked = new CopyOnWriteArrayList<>();
        ChatProvider provider = prompt -> {
            asked.add(prompt);
            return answer(prompt);
        };

        // when
        try (LlmTeacher teacher = LlmTeacher.builder("my-model", provider).price(new Price(1.0, 0.5, 2.0))
                .cacheDirectory(cache).build()) {
            Annotation annotation = teacher.annotate(NOTE);

            // then
            assertThat(annotation.entities()).extracting(Entity::text).containsExactlyInAnyOrder("Fever", "aspirin");
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).answerSchema().toString()).contains("\"enum\"");
            assertThat(teacher.costUsd()).isCloseTo(100 / 1e6 * 1.0 + 20 / 1e6 * 2.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(teacher.configuration()).contains("provider=custom");
        }
        try (LlmTeacher again = LlmTeacher.builder("my-model", provider).price(Price.FREE).cacheDirectory(cache).build()) {
            again.annotate(NOTE);
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void should_retry_a_retriable_failure_and_fail_the_note_on_any_other_when_the_provider_throws() {
        // given: one transient failure, then an answer; and a provider with a bug
        AtomicInteger calls = new AtomicInteger();
        ChatProvider flaky = prompt -> {
            if (calls.incrementAndGet() == 1) {
                throw new RetriableException("gateway timeout");
            }
            return answer(prompt);
        };
        ChatProvider broken = prompt -> {
            throw new IllegalStateException("client bug");
        };

        // when / then
        try (LlmTeacher teacher = LlmTeacher.builder("m", flaky).price(Price.FREE).retryPolicy(FAST).build()) {
            assertThat(teacher.annotate(NOTE).entities()).hasSize(2);
            assertThat(calls).hasValue(2);
        }
        try (LlmTeacher teacher = LlmTeacher.builder("m", broken).price(Price.FREE).retryPolicy(FAST).build()) {
            assertThatThrownBy(() -> teacher.annotate(NOTE)).isInstanceOf(NonRetriableException.class)
                    .hasMessageContaining("client bug");
        }
    }

    @Test
    void should_refuse_batch_mode_when_the_provider_has_none() {
        try (LlmTeacher teacher = LlmTeacher.builder("m", ChatProviderTest::answer).price(Price.FREE).build()) {
            assertThatThrownBy(() -> teacher.submitBatch(List.of(NOTE))).isInstanceOf(NonRetriableException.class)
                    .hasMessageContaining("no batch mode");
        }
    }

    @Test
    void should_list_every_bad_setting_in_one_exception_and_stay_reusable_when_building() {
        // given: HTTP settings that a custom provider's own client owns, and two bad shared ones
        LlmTeacher.Builder builder = LlmTeacher.builder("unpriced-model", ChatProviderTest::answer)
                .baseUrl("http://localhost:1/v1").temperature(0.5).maxConcurrency(0);

        // when / then
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConcurrency must be positive").hasMessageContaining("price:")
                .hasMessageContaining("baseUrl: set on the chat model's own client")
                .hasMessageContaining("temperature: set on").hasMessageContaining("(4 problems)");
        assertThatThrownBy(builder::build).hasMessageContaining("(4 problems)");
    }
}
