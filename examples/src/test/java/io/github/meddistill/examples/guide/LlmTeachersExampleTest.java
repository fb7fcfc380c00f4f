package io.github.meddistill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.examples.testing.LoopbackOpenAiServer;
import io.github.meddistill.teachers.LlmTeacher;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "local" path of the example against a loopback server speaking the OpenAI chat completions format. */
class LlmTeachersExampleTest {

    @TempDir
    Path cache;

    @Test
    void should_label_notes_through_a_local_server_and_answer_again_from_the_cache_when_rerun() {
        Document note = new Document("n1", "Started metformin for type 2 diabetes.");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.answering(
                "{\"entities\":[{\"text\":\"metformin\",\"type\":\"MEDICATION\"},{\"text\":\"type 2 diabetes\",\"type\":\"DISEASE\"}]}")) {
            try (LlmTeacher teacher = LlmTeachersExample.teacher("local", "llama3.1", server.baseUrl(), cache)) {
                Annotation labels = teacher.annotateAll(List.of(note)).get(0);
                assertThat(labels.entities()).extracting(e -> e.type() + ":" + e.text())
                        .containsExactly("MEDICATION:metformin", "DISEASE:type 2 diabetes");
            }
            try (LlmTeacher again = LlmTeachersExample.teacher("local", "llama3.1", server.baseUrl(), cache)) {
                again.annotateAll(List.of(note));
                assertThat(again.totals().paidRequests()).isZero();
            }
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
