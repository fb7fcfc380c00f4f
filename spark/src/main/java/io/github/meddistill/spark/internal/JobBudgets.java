package io.github.meddistill.spark.internal;

import io.github.meddistill.spark.SparkTeacher;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;

/**
 * The driver's request budgets: one {@link BudgetServer} per LLM {@link SparkTeacher} and Spark application, started
 * when a job first uses the teacher and closed when the application ends. Binds to {@code spark.driver.bindAddress}
 * and advertises {@code spark.driver.host}, the address executors already reach the driver at. Thread-safe.
 */
public final class JobBudgets {

    private static final Map<String, BudgetServer> SERVERS = new HashMap<>();

    private JobBudgets() {
    }

    /** The executors' client of {@code teacher}'s budget in {@code context}'s application, serving it if needed. */
    public static synchronized SharedRequestBudget clientFor(SparkContext context, SparkTeacher.Llm teacher) {
        String key = key(context, teacher);
        BudgetServer server = SERVERS.get(key);
        String host = context.getConf().get("spark.driver.host", "localhost");
        if (server == null) {
            server = BudgetServer.start(context.getConf().get("spark.driver.bindAddress", host), teacher.limit());
            SERVERS.put(key, server);
            context.addSparkListener(new SparkListener() {
                @Override
                public void onApplicationEnd(SparkListenerApplicationEnd end) {
                    close(key);
                }
            });
        }
        return server.client(host);
    }

    /** The budget server of {@code teacher} in {@code context}'s application, if a job has used it. */
    public static synchronized Optional<BudgetServer> server(SparkContext context, SparkTeacher teacher) {
        return Optional.ofNullable(SERVERS.get(key(context, teacher)));
    }

    private static synchronized void close(String key) {
        BudgetServer server = SERVERS.remove(key);
        if (server != null) {
            server.close();
        }
    }

    private static String key(SparkContext context, SparkTeacher teacher) {
        return context.applicationId() + " " + teacher.id();
    }
}
