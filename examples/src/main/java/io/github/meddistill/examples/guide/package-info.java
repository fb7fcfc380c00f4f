/**
 * Runnable examples of using MedDistill in an application: embedding a saved student, writing a custom
 * teacher, LLM teachers (with keys or a local OpenAI-compatible server), any langchain4j {@code ChatModel} as a
 * teacher ({@code LangChain4jTeacherExample}), and RxNorm / SNOMED CT teachers
 * from your own release files. Each has a smoke test.
 */
package io.github.meddistill.examples.guide;
