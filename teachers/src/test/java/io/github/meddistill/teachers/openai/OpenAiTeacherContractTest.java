package io.github.meddistill.teachers.openai;

import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.contract.TeacherContractTest;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The core {@link Teacher} contract, kept by the OpenAI teacher against a loopback server. */
class OpenAiTeacherContractTest extends TeacherContractTest {

    @TempDir
    Path cache;

    private LoopbackServer server;
    private LlmTeacher teacher;

    @BeforeEach
    void start() {
        server = new LoopbackServer(new FakeOpenAi());
        teacher = OpenAiTeacher.builder("gpt-4o").baseUrl(server.baseUrl() + "/v1").apiKey("sk-test")
                .cacheDirectory(cache).retryPolicy(OpenAiTeacherTest.FAST).build();
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
