package io.github.meddistill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.OntologyTeacher;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.spark.internal.BudgetServer;
import io.github.meddistill.spark.internal.JobBudgets;
import io.github.meddistill.teachers.LabellingRun;
import io.github.meddistill.teachers.LlmTeacher;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.openai.OpenAiTeacher;
import io.github.meddistill.teachers.testing.FakeOpenAi;
import io.github.meddistill.teachers.testing.LoopbackServer;
import io.github.meddistill.teachers.testing.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MedDistillSpark#label} on {@code local[2]}: LLM teachers against the loopback OpenAI server, dictionaries. */
class MedDistillSparkLabelTest {

    /** Set by the injected failure (the test runs in Spark's own JVM): requests the server had when it struck. */
    private static final AtomicInteger FAILURES_INJECTED = new AtomicInteger();
    private static final AtomicInteger REQUESTS_WHEN_FAILED = new AtomicInteger(-1);
    private static volatile LoopbackServer current;

    @TempDir
    Path cache;

    private final FakeOpenAi fake = new FakeOpenAi();
    private final LoopbackServer server = new LoopbackServer(request ->
            request.bodyText().contains("POISON") ? Reply.json(400, "{\"error\":{\"message\":\"invalid request\","
                    + "\"type\":\"invalid_request_error\"}}") : fake.apply(request));

    @AfterEach
    void stop() {
        server.close();
    }

    private static SparkTeacher gpt(String baseUrl, String cacheDirectory, JobRateLimit limit) {
        return SparkTeacher.llm("gpt", limit, () -> OpenAiTeacher.builder("gpt-4o-mini").baseUrl(baseUrl + "/v1")
                .apiKey("sk-test").cacheDirectory(Path.of(cacheDirectory)).maxConcurrency(2)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), 0.2, Duration.ofSeconds(1))));
    }

    private static Map<String, List<Entity>> byId(List<Row> rows, String column) {
        Map<String, List<Entity>> entities = new HashMap<>();
        for (Row row : rows) {
            entities.put(row.getString(row.fieldIndex("id")), EntityColumns.fromColumn(row, column));
        }
        return entities;
    }

    private static List<Document> documents(List<String[]> notes) {
        return notes.stream().map(n -> new Document(n[0], n[1])).toList();
    }

    @Test
    void should_label_exactly_and_pay_once_per_note_when_a_task_dies_mid_partition_on_its_first_attempt() {
        // given 40 MTSamples notes in 2 partitions, and a failure on the 11th row of partition 0, first attempt only
        List<String[]> notes = LocalSpark.mtSamples(40);
        current = server;
        FAILURES_INJECTED.set(0);
        Dataset<Row> frame = LocalSpark.notes(notes, 2).mapPartitions(
                (MapPartitionsFunction<Row, Row>) MedDistillSparkLabelTest::failOnceAfterTenRows,
                Encoders.row(LocalSpark.NOTES));
        SparkTeacher gpt = gpt(server.baseUrl(), cache.toString(), JobRateLimit.requests(60_000));

        // when labelled in batches of 4 (two batches are paid for before the failure)
        List<Row> rows = MedDistillSpark.label(frame, LabelOptions.defaults().withIdColumn("id").withBatchSize(4), gpt)
                .collectAsList();

        // then the task did die after paying, and was retried
        assertThat(FAILURES_INJECTED.get()).isEqualTo(1);
        assertThat(REQUESTS_WHEN_FAILED.get()).isGreaterThanOrEqualTo(8);
        // and the results are those of one teacher in one JVM, note for note
        Map<String, List<Entity>> expected = new HashMap<>();
        int expectedRequests;
        try (LoopbackServer reference = new LoopbackServer(new FakeOpenAi());
                LlmTeacher oneJvm = OpenAiTeacher.builder("gpt-4o-mini").baseUrl(reference.baseUrl() + "/v1")
                        .apiKey("sk-test").build()) {
            LabellingRun run = oneJvm.label(documents(notes));
            assertThat(run.allLabelled()).isTrue();
            run.annotations().forEach(a -> expected.put(a.documentId(), a.entities()));
            expectedRequests = reference.requestCount();
        }
        assertThat(rows).hasSize(40).allSatisfy(row -> assertThat(row.isNullAt(row.fieldIndex("gpt_error"))).isTrue());
        assertThat(byId(rows, "gpt")).isEqualTo(expected);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).as("entities found").isPositive();
        // and no note was paid for twice: as many requests as one JVM sends, each granted once by the job's budget
        assertThat(server.requestCount()).isEqualTo(expectedRequests);
        BudgetServer budget = JobBudgets.server(LocalSpark.session().sparkContext(), gpt).orElseThrow();
        assertThat(budget.granted()).isEqualTo(expectedRequests);
    }

    private static Iterator<Row> failOnceAfterTenRows(Iterator<Row> rows) {
        TaskContext context = TaskContext.get();
        if (context.partitionId() != 0 || context.attemptNumber() != 0) {
            return rows;
        }
        return new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (served == 10) {
                    REQUESTS_WHEN_FAILED.set(current.requestCount());
                    FAILURES_INJECTED.incrementAndGet();
                    throw new IllegalStateException("injected: the task dies mid-partition on its first attempt");
                }
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                served++;
                return rows.next();
            }
        };
    }

    @Test
    void should_give_null_entities_and_an_error_column_when_a_note_fails_after_retries() {
        // given a note the provider refuses (HTTP 400) among good ones
        List<String[]> notes = List.of(new String[] {"n1", "Fever and cough, on aspirin."},
                new String[] {"n2", "POISON: hypertension on lisinopril."},
                new String[] {"n3", "Type 2 diabetes on metformin."});
        SparkTeacher gpt = gpt(server.baseUrl(), cache.toString(), JobRateLimit.requests(60_000));

        // when
        List<Row> rows = MedDistillSpark.label(LocalSpark.notes(notes, 2), gpt).collectAsList();

        // then the job goes on; the refused note has null entities and says why
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.getString(0), row));
        assertThat(EntityColumns.fromColumn(byId.get("n2"), "gpt")).isNull();
        assertThat(byId.get("n2").getString(byId.get("n2").fieldIndex("gpt_error")))
                .startsWith("InvalidRequestException").contains("400");
        assertThat(EntityColumns.fromColumn(byId.get("n1"), "gpt")).extracting(Entity::text)
                .containsExactlyInAnyOrder("Fever", "cough", "aspirin");
        assertThat(EntityColumns.fromColumn(byId.get("n3"), "gpt")).extracting(Entity::text)
                .containsExactlyInAnyOrder("Type 2 diabetes", "metformin");
    }

    @Test
    void should_hold_the_job_to_its_request_limit_when_partitions_label_at_once() {
        // given 24 notes in 2 partitions and a job limit of 600 a minute (10 a second, a burst of 10)
        List<String[]> notes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            notes.add(new String[] {"n" + i, "Note " + i + ": fever and cough."});
        }
        SparkTeacher gpt = gpt(server.baseUrl(), cache.toString(), JobRateLimit.requests(600));

        // when
        long started = System.nanoTime();
        List<Row> rows = MedDistillSpark.label(LocalSpark.notes(notes, 2), gpt).collectAsList();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then 24 requests past a burst of 10 take at least 1.4 s, however many task threads ask
        assertThat(rows).hasSize(24);
        assertThat(server.requestCount()).isEqualTo(24);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1300));
    }

    @Test
    void should_equal_the_single_jvm_teacher_note_for_note_when_a_dictionary_labels_mtsamples_notes() {
        // given a dictionary teacher (made on the executors from its terms) and 60 MTSamples notes
        TeacherFactory factory = () -> OntologyTeacher.builder("lexicon").addMatcher(DictionaryMatcher.builder()
                .addTerm(new Term("hypertension", "C1", "hypertension", EntityType.DISEASE, "test"))
                .addTerm(new Term("pain", "C2", "pain", EntityType.SYMPTOM, "test"))
                .addTerm(new Term("aspirin", "C3", "aspirin", EntityType.MEDICATION, "test"))
                .addTerm(new Term("diabetes", "C4", "diabetes", EntityType.DISEASE, "test"))
                .build()).build();
        List<String[]> notes = LocalSpark.mtSamples(60);

        // when
        List<Row> rows = MedDistillSpark.label(LocalSpark.notes(notes, 3), SparkTeacher.of("lexicon", factory))
                .collectAsList();

        // then
        Map<String, List<Entity>> expected = new HashMap<>();
        for (Annotation annotation : factory.create().annotateAll(documents(notes))) {
            expected.put(annotation.documentId(), annotation.entities());
        }
        assertThat(byId(rows, "lexicon")).isEqualTo(expected);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(20);
    }
}
