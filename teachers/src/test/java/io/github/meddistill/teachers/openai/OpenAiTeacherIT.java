package io.github.meddistill.teachers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live test against api.openai.com; skipped unless OPENAI_API_KEY is set. Costs well under one cent. */
class OpenAiTeacherIT {

    @TempDir
    Path cache;

    @Test
    void should_label_synthetic_notes_with_real_usage_and_replay_them_from_cache() {
        Assumptions.assumeTrue(System.getenv("OPENAI_API_KEY") != null, "OPENAI_API_KEY is not set: live OpenAI test skipped");
        List<Document> notes = List.of(
                new Document("it1", "Patient with type 2 diabetes, started metformin 500 mg. Complains of headache."),
                new Document("it2", "Admitted for pneumonia; fever and productive cough. Given azithromycin."));
        try (LlmTeacher gpt = OpenAiTeacher.builder("gpt-4o-mini").cacheDirectory(cache).build()) {
            LabellingRun run = gpt.label(notes);

            assertThat(run.allLabelled()).as(run.failures().toString()).isTrue();
            assertThat(run.annotations().get(0).entities()).extracting(e -> e.type())
                    .contains(EntityType.MEDICATION, EntityType.DISEASE);
            assertThat(run.totals().usage().inputTokens()).isPositive();
            assertThat(run.totals().usage().outputTokens()).isPositive();
            assertThat(run.totals().costUsd()).isPositive();
        }
        try (LlmTeacher again = OpenAiTeacher.builder("gpt-4o-mini").cacheDirectory(cache).build()) {
            assertThat(again.label(notes).totals().paidRequests()).isZero();
        }
    }
}
