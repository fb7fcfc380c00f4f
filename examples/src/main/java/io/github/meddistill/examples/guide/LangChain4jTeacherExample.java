package io.github.meddistill.examples.guide;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.ChatProvider;
import io.github.meddistill.teachers.spi.ModelAnswer;
import io.github.meddistill.teachers.spi.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Any langchain4j {@link ChatModel} (OpenAI, Anthropic, Gemini, Bedrock, Ollama, Azure, ... each in its own
 * langchain4j module) as a teacher: the adapter below sends the teacher's prompt with its JSON schema as structured
 * output (the teacher's JSON schema in langchain4j's own schema types, which every langchain4j provider maps) and
 * returns the text and token usage; the {@link LlmTeacher} adds cache, retries, rate limits, chunking,
 * alignment and cost. Build the chat model with {@code maxRetries(0)}, so that retries happen once, in the teacher.
 *
 * <pre>{@code
 * ChatModel claude = AnthropicChatModel.builder().apiKey(key).modelName("claude-sonnet-4-5").maxRetries(0).build();
 * try (LlmTeacher teacher = LangChain4jTeacherExample.teacher(claude, "claude-sonnet-4-5")
 *         .price(new Price(3.00, 0.30, 15.00)).cacheDirectory(Path.of("llm-cache")).build()) { ... }
 * }</pre>
 */
public final class LangChain4jTeacherExample {

    private LangChain4jTeacherExample() {
    }

    /** A teacher builder on {@code chatModel}; {@code modelName} names it for prices and cache keys. */
    public static LlmTeacher.Builder teacher(ChatModel chatModel, String modelName) {
        ChatProvider provider = new ChatProvider() {
            @Override
            public ModelAnswer chat(Prompt prompt) {
                List<String> types = new ArrayList<>();
                prompt.answerSchema().at("/properties/entities/items/properties/type/enum").forEach(t -> types.add(t.asText()));
                JsonObjectSchema entity = JsonObjectSchema.builder().addStringProperty("text").addEnumProperty("type", types)
                        .required("text", "type").additionalProperties(false).build();
                JsonObjectSchema answer = JsonObjectSchema.builder()
                        .addProperty("entities", JsonArraySchema.builder().items(entity).build())
                        .required("entities").additionalProperties(false).build();
                ChatRequest request = ChatRequest.builder()
                        .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                                .jsonSchema(JsonSchema.builder().name("entities").rootElement(answer).build()).build())
                        .maxOutputTokens(prompt.maxOutputTokens())
                        .build();
                ChatResponse response;
                try {
                    response = chatModel.chat(request);
                } catch (dev.langchain4j.exception.RetriableException e) {
                    throw new RetriableException("langchain4j " + modelName + ": " + e.getMessage(), e);
                }
                String text = response.aiMessage().text() != null ? response.aiMessage().text() : "";
                FinishReason finish = response.finishReason();
                AnswerStatus status = finish == FinishReason.LENGTH ? AnswerStatus.TRUNCATED
                        : finish == FinishReason.CONTENT_FILTER ? AnswerStatus.REFUSED : AnswerStatus.COMPLETE;
                var usage = response.tokenUsage();
                return new ModelAnswer(text, status, String.valueOf(finish), usage == null ? TokenUsage.ZERO
                        : new TokenUsage(orZero(usage.inputTokenCount()), 0, orZero(usage.outputTokenCount()), 0));
            }

            @Override
            public String name() {
                return "langchain4j-" + chatModel.provider().name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        };
        return LlmTeacher.builder(modelName, provider);
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
