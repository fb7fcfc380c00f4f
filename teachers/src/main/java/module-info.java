/**
 * LLM teachers: {@code LlmTeacher} over the {@code ChatProvider} contract ({@code spi}), with the OpenAI and Gemini
 * providers. {@code io.github.meddistill.teachers.internal} is not a published API; it is exported only to
 * meddistill-spark, whose driver-served request budget reuses the rate limiter.
 */
@SuppressWarnings("module") // meddistill-spark is an automatic module, absent when this one compiles
module io.github.meddistill.teachers {
    requires transitive io.github.meddistill.core;
    requires transitive com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    exports io.github.meddistill.teachers;
    exports io.github.meddistill.teachers.gemini;
    exports io.github.meddistill.teachers.openai;
    exports io.github.meddistill.teachers.spi;
    exports io.github.meddistill.teachers.internal to io.github.meddistill.spark;
}
