/**
 * OpenAI Chat Completions as a teacher: api.openai.com, Azure OpenAI, and OpenAI-compatible local
 * servers (vLLM, Ollama, llama.cpp, LM Studio), so that notes need not leave the hospital.
 *
 * <pre>{@code
 * try (OpenAiTeacher gpt4o = OpenAiTeacher.builder("gpt-4o").cacheDirectory(Path.of("cache/gpt-4o")).build()) {
 *     List<Annotation> labels = gpt4o.annotateAll(notes);   // key from OPENAI_API_KEY
 * }
 * }</pre>
 */
package io.github.meddistill.teachers.openai;
