package io.github.meddistill.teachers.gemini;

import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.contract.TeacherContractTest;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.testing.FakeGemini;
import io.github.meddistill.teachers.testing.LoopbackServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The core {@link Teacher} contract, kept by the Gemini teacher against a loopback server. */
class GeminiTeacherContractTest extends TeacherContractTest {

    @TempDir
    Path cache;

    private LoopbackServer server;
    private LlmTeacher teacher;

    @BeforeEach
    void start() {
        server = new LoopbackServer(new FakeGemini());
        teacher = GeminiTeacher.builder("gemini-2.0-flash").baseUrl(server.baseUrl()).apiKey("test-key")
                .cacheDirectory(cache)
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ofSeconds(1)))
                .build();
    }

    @AfterEach
    void stop() {
        teacher.close();
        server.close();
    }

    @Override
    protected Teacher teacher() {
        return teacher;
    }
}
