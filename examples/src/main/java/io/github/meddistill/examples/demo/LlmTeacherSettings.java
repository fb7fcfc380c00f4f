package io.github.meddistill.examples.demo;

import java.util.Optional;

/**
 * LLM teachers for the main job: an OpenAI model (with {@code OPENAI_API_KEY}, or an OpenAI-compatible
 * server at {@code openAiBaseUrl} such as vLLM or Ollama, which needs no key) and a Gemini model (with
 * {@code GEMINI_API_KEY}).
 */
public record LlmTeacherSettings(Optional<String> openAiModel, Optional<String> openAiBaseUrl,
                                 Optional<String> geminiModel) {
}
