package io.github.meddistill.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.examples.testing.LoopbackOpenAiServer;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.Price;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real langchain4j chat model (langchain4j-open-ai) as a teacher, against a loopback OpenAI-compatible server. */
class LangChain4jTeacherExampleTest {

    @TempDir
    Path cache;

    @Test
    void should_label_through_a_langchain4j_chat_model_and_answer_again_from_the_cache_when_rerun() throws Exception {
        // given
        Document note = new Document("n1", "Started metformin for type 2 diabetes.");
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.answering(
                "{\"entities\":[{\"text\":\"metformin\",\"type\":\"MEDICATION\"},{\"text\":\"type 2 diabetes\",\"type\":\"DISEASE\"}]}")) {
            ChatModel chatModel = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
                    .modelName("llama3.1").maxRetries(0).build();

            // when
            try (LlmTeacher teacher = LangChain4jTeacherExample.teacher(chatModel, "llama3.1").price(Price.FREE)
                    .cacheDirectory(cache).build()) {
                Annotation labels = teacher.annotate(note);

                // then: aligned entities, the prompt's schema sent as structured output, tokens counted
                assertThat(labels.entities()).extracting(e -> e.type() + ":" + e.text())
                        .containsExactly("MEDICATION:metformin", "DISEASE:type 2 diabetes");
                assertThat(teacher.tokenUsage().inputTokens()).isEqualTo(100);
                assertThat(teacher.configuration()).contains("provider=langchain4j-open-ai");
            }
            JsonNode sent = new ObjectMapper().readTree(server.lastRequestBody());
            assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_schema");
            assertThat(sent.path("response_format").path("json_schema").path("schema").path("required").toString())
                    .contains("entities");
            try (LlmTeacher again = LangChain4jTeacherExample.teacher(chatModel, "llama3.1").price(Price.FREE)
                    .cacheDirectory(cache).build()) {
                again.annotate(note);
            }
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
