/**
 * Google Gemini ({@code generateContent} of the Gemini API) as a teacher, with JSON-schema output and
 * batch mode.
 *
 * <pre>{@code
 * try (GeminiTeacher flash = GeminiTeacher.builder("gemini-2.0-flash").cacheDirectory(Path.of("cache/flash")).build()) {
 *     LabellingRun run = flash.label(notes);   // key from GEMINI_API_KEY
 * }
 * }</pre>
 */
package io.github.meddistill.teachers.gemini;
