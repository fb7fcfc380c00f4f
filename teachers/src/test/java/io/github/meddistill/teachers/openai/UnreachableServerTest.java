package io.github.meddistill.teachers.openai;

import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.FAST;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.KEY;
import static io.github.meddistill.teachers.openai.OpenAiTeacherTest.NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot be reached fails fast; one that answered before and then went away is retried. */
class UnreachableServerTest {

    @TempDir
    Path cache;

    /** A loopback port that nothing listens on: bound by the system, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void should_fail_at_once_naming_the_url_when_the_first_connection_is_refused() throws Exception {
        // given: the default retry policy, which would wait about two minutes over eight attempts
        String baseUrl = "http://127.0.0.1:" + closedPort() + "/v1";
        try (LlmTeacher gpt = OpenAiTeacher.builder("gpt-4o").baseUrl(baseUrl).apiKey(KEY)
                .retryPolicy(RetryPolicy.DEFAULT).cacheDirectory(cache).build()) {
            long start = System.nanoTime();

            // when / then
            assertThatThrownBy(() -> gpt.annotate(NOTE)).isInstanceOf(NonRetriableException.class)
                    .hasMessageContaining("cannot connect to " + baseUrl + "/chat/completions (connection refused)")
                    .hasMessageContaining("not retried");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        }
    }

    @Test
    void should_name_the_host_when_it_does_not_resolve() {
        try (LlmTeacher gpt = OpenAiTeacher.builder("gpt-4o").baseUrl("http://no-such-host.invalid/v1").apiKey(KEY)
                .retryPolicy(RetryPolicy.DEFAULT).cacheDirectory(cache).build()) {
            assertThatThrownBy(() -> gpt.annotate(NOTE)).isInstanceOf(NonRetriableException.class)
                    .hasMessageContaining("unknown host no-such-host.invalid");
        }
    }

    @Test
    void should_retry_a_refused_connection_when_the_server_answered_before() {
        // given: a server that labels one note and then goes away
        LoopbackServer server = new LoopbackServer(new FakeOpenAi());
        try (LlmTeacher gpt = OpenAiTeacher.builder("gpt-4o").baseUrl(server.baseUrl() + "/v1").apiKey(KEY)
                .retryPolicy(FAST).cacheDirectory(cache).build()) {
            gpt.annotate(NOTE);
            server.close();

            // when / then
            assertThatThrownBy(() -> gpt.annotate(new Document("n2", "Denies fever.")))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining("failed after " + FAST.maxAttempts() + " attempts")
                    .hasMessageContaining("cannot connect to " + server.baseUrl());
        } finally {
            server.close();
        }
    }
}
