package io.github.meddistill.teachers.openai;

import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.FAST;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.Document;
import io.github.meddistill.teachers.BatchJob;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.PriceTable;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiBatchTest {

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi().pollsBeforeDone(2);
    private final LoopbackServer server = new LoopbackServer(fake);

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTeacher.Builder teacher() {
        return OpenAiTeacher.builder("gpt-4o").baseUrl(server.baseUrl() + "/v1").apiKey(KEY).retryPolicy(FAST)
                .cacheDirectory(cache).batchPollInterval(Duration.ofMillis(10));
    }

    private static List<Document> notes(int n) {
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            notes.add(new Document("b" + i, "Day " + i + ": metformin continued, " + (i == 3 ? "pneumonia" : "hypertension")
                    + " stable, no fever."));
        }
        return notes;
    }

    @Test
    void should_upload_jsonl_create_batch_poll_and_store_answers_at_half_price_when_batching() {
        // given
        List<Document> notes = notes(5);
        String batchId;
        try (LlmTeacher gpt = teacher().build()) {
            // when
            BatchJob job = gpt.submitBatch(notes);
            batchId = job.id();

            // then: multipart upload with purpose=batch, then a batch over that file
            RecordedRequest upload = server.requests().get(0);
            assertThat(upload.path()).isEqualTo("/v1/files");
            assertThat(upload.header("Content-Type")).startsWith("multipart/form-data; boundary=");
            assertThat(upload.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(upload.bodyText()).contains("name=\"purpose\"\r\n\r\nbatch\r\n")
                    .contains("filename=\"meddistill-batch.jsonl\"").contains("\"url\":\"/v1/chat/completions\"")
                    .contains("\"method\":\"POST\"").contains("\"custom_id\":\"");
            JsonNode create = server.requests().get(1).json();
            assertThat(create.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
            assertThat(create.path("completion_window").asText()).isEqualTo("24h");
            assertThat(job.submittedRequests()).isEqualTo(5);

            LabellingRun run = gpt.awaitBatch(batchId, notes);
            assertThat(run.allLabelled()).isTrue();
            assertThat(run.totals().paidRequests()).isEqualTo(5);
            double listPrice = run.totals().usage().inputTokens() / 1e6 * 2.50
                    - run.totals().usage().cachedInputTokens() / 1e6 * 1.25
                    + run.totals().usage().outputTokens() / 1e6 * 10.00;
            assertThat(run.totals().costUsd()).isCloseTo(listPrice * PriceTable.BATCH_DISCOUNT, offset(1e-12));
            assertThat(gpt.costUsd()).isCloseTo(run.totals().costUsd(), offset(1e-12));
        }
        assertThat(server.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
        assertThat(server.requests()).filteredOn(r -> r.path().startsWith("/v1/batches/")).hasSize(3);
    }

    @Test
    void should_resume_by_id_and_request_failed_lines_one_by_one_when_batch_has_an_error_file() {
        // given: the note with "pneumonia" fails inside the batch
        fake.batchFailuresFor(Set.of("pneumonia"));
        List<Document> notes = notes(5);
        String batchId;
        try (LlmTeacher gpt = teacher().build()) {
            batchId = gpt.submitBatch(notes).id();
        }
        // when: a new process resumes with the id only
        try (LlmTeacher resumed = teacher().build()) {
            LabellingRun run = resumed.awaitBatch(batchId, notes);

            // then
            assertThat(run.allLabelled()).isTrue();
            assertThat(server.requests()).filteredOn(r -> r.path().endsWith("/chat/completions")).hasSize(1);
            assertThat(run.totals().paidRequests()).isEqualTo(5);
            assertThat(run.annotations().get(3).entities()).extracting(e -> e.text()).contains("pneumonia");
        }
        // and nothing is asked again afterwards
        try (LlmTeacher third = teacher().build()) {
            BatchJob nothing = third.submitBatch(notes);
            assertThat(nothing.submitted()).isFalse();
            assertThat(nothing.alreadyCached()).isEqualTo(5);
        }
    }
}
