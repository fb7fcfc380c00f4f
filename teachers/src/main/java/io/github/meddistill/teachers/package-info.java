/**
 * LLM teachers: {@link io.github.meddistill.teachers.LlmTeacher} does caching, retries, rate limits,
 * chunking, mention alignment, usage, cost, batch jobs and progress once for every provider; the
 * providers in {@code openai} and {@code gemini} map prompts and answers to their wire formats.
 *
 * <pre>{@code
 * try (LlmTeacher teacher = OpenAiTeacher.builder("gpt-4o").cacheDirectory(Path.of("cache")).build()) {
 *     LabellingRun run = teacher.label(notes);
 *     System.out.printf("%d notes, $%.4f%n", run.totals().notes(), run.totals().costUsd());
 * }
 * }</pre>
 */
package io.github.meddistill.teachers;
