/**
 * What a chat model plugs into {@link io.github.meddistill.teachers.LlmTeacher}: a
 * {@link io.github.meddistill.teachers.spi.ChatProvider} takes the provider-neutral
 * {@link io.github.meddistill.teachers.spi.Prompt} and returns a
 * {@link io.github.meddistill.teachers.spi.ModelAnswer}; a
 * {@link io.github.meddistill.teachers.spi.BatchChatProvider} also runs batch jobs. Caching, retries, rate limits,
 * concurrency, usage and cost are done once by the teacher.
 *
 * <pre>{@code
 * ChatProvider provider = prompt -> new ModelAnswer(client.ask(prompt), AnswerStatus.COMPLETE, "stop", usage);
 * try (LlmTeacher teacher = LlmTeacher.builder("my-model", provider).price(Price.FREE).build()) { ... }
 * }</pre>
 */
package io.github.meddistill.teachers.spi;
