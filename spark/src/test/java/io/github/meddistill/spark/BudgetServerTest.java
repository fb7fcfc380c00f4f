package io.github.meddistill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.RetriableException;
import io.github.meddistill.spark.internal.BudgetServer;
import io.github.meddistill.spark.internal.SharedRequestBudget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The driver's request budget and its executor clients, over loopback TCP. */
class BudgetServerTest {

    /** A client as an executor gets it: serialized with the task and read back. */
    private static SharedRequestBudget shipped(SharedRequestBudget client) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(client);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SharedRequestBudget) in.readObject();
        }
    }

    @Test
    void should_hold_two_executors_to_one_limit_when_they_share_the_job_budget() throws Exception {
        // given 6,000 requests a minute (100 a second, a burst of 100) and two executors asking 150 each
        try (BudgetServer server = BudgetServer.start("127.0.0.1", JobRateLimit.requests(6_000))) {
            List<SharedRequestBudget> executors = List.of(shipped(server.client("127.0.0.1")),
                    shipped(server.client("127.0.0.1")));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            long started = System.nanoTime();
            try {
                // when two threads of each executor ask at once
                List<Future<?>> asks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    SharedRequestBudget budget = executors.get(t % 2);
                    asks.add(threads.submit(() -> {
                        for (int i = 0; i < 75; i++) {
                            budget.acquire(100);
                        }
                        return null;
                    }));
                }
                for (Future<?> ask : asks) {
                    ask.get();
                }
            } finally {
                threads.shutdownNow();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then 300 requests past a burst of 100 at 100 a second take 2 s, not the 1 s of a limit per executor
            assertThat(server.granted()).isEqualTo(300);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }

    @Test
    void should_hold_to_the_token_limit_when_requests_are_large() throws Exception {
        // given 60,000 tokens a minute (1,000 a second, a burst of 1,000)
        try (BudgetServer server = BudgetServer.start("127.0.0.1", JobRateLimit.requestsAndTokens(60_000, 60_000))) {
            SharedRequestBudget budget = shipped(server.client("127.0.0.1"));
            long started = System.nanoTime();

            // when three requests of 600 tokens ask
            for (int i = 0; i < 3; i++) {
                budget.acquire(600);
            }

            // then the third waits until 1,800 - 1,000 tokens have been repaid
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void should_fail_retriably_when_the_client_does_not_have_the_job_secret() throws Exception {
        try (BudgetServer server = BudgetServer.start("127.0.0.1", JobRateLimit.requests(6_000))) {
            SharedRequestBudget real = server.client("127.0.0.1");
            SharedRequestBudget forged = forge(real);

            assertThatThrownBy(() -> forged.acquire(1)).isInstanceOf(RetriableException.class)
                    .hasMessageContaining(real.endpoint()).hasMessageNotContaining("secret=");
            assertThat(server.granted()).isZero();
        }
    }

    @Test
    void should_fail_retriably_when_the_driver_has_stopped_serving() throws Exception {
        BudgetServer server = BudgetServer.start("127.0.0.1", JobRateLimit.requests(6_000));
        SharedRequestBudget budget = server.client("127.0.0.1");
        budget.acquire(1);
        server.close();

        assertThatThrownBy(() -> budget.acquire(1)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("cannot be reached");
    }

    /** The same endpoint with another secret, as a stranger on the network would try. */
    private static SharedRequestBudget forge(SharedRequestBudget real) throws Exception {
        java.lang.reflect.Constructor<SharedRequestBudget> constructor = SharedRequestBudget.class
                .getDeclaredConstructor(String.class, int.class, String.class);
        constructor.setAccessible(true);
        String[] endpoint = real.endpoint().split(":");
        return constructor.newInstance(endpoint[0], Integer.parseInt(endpoint[1]), "not-the-secret");
    }
}
