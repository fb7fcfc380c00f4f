package io.github.meddistill.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Entity;
import io.github.meddistill.spark.internal.ExecutorStudents;
import io.github.meddistill.student.BertStudent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MedDistillSpark#extract} on {@code local[2]} against the same student in one JVM, on MTSamples notes. */
class MedDistillSparkExtractTest {

    private static List<String[]> notes;
    private static Map<String, List<Entity>> singleJvm;

    @BeforeAll
    static void extractInOneJvm() {
        notes = LocalSpark.mtSamples(40);
        singleJvm = new HashMap<>();
        try (BertStudent student = BertStudent.load(TinyStudent.saved())) {
            for (String[] note : notes) {
                singleJvm.put(note[0], student.extract(note[1]));
            }
        }
    }

    private static Map<String, List<Entity>> byId(List<Row> rows, String column) {
        Map<String, List<Entity>> entities = new HashMap<>();
        for (Row row : rows) {
            entities.put(row.getString(row.fieldIndex("id")), EntityColumns.fromColumn(row, column));
        }
        return entities;
    }

    @Test
    void should_equal_the_single_jvm_student_note_for_note_when_extracting_mtsamples_notes_on_local_2() {
        // given 40 real notes in 4 partitions
        Dataset<Row> frame = LocalSpark.notes(notes, 4);
        int loadsBefore = ExecutorStudents.loads();

        // when
        List<Row> rows = MedDistillSpark.extract(frame, "text", TinyStudent.saved().toString(),
                ExtractOptions.defaults().withBatchSize(8)).collectAsList();

        // then every note has exactly the single-JVM entities, with text and offsets of its own
        assertThat(rows).hasSize(40);
        assertThat(rows).allSatisfy(row -> assertThat(row.isNullAt(row.fieldIndex("error"))).isTrue());
        assertThat(byId(rows, "entities")).isEqualTo(singleJvm);
        assertThat(singleJvm.values().stream().mapToInt(List::size).sum()).as("entities found").isPositive();
        for (Row row : rows) {
            String text = row.getString(row.fieldIndex("text"));
            assertThat(EntityColumns.fromColumn(row, "entities"))
                    .allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
        }
        // and the four partitions shared one student, loaded once for this JVM
        assertThat(ExecutorStudents.loads() - loadsBefore).isLessThanOrEqualTo(1);
        assertThat(rows.get(0).schema().apply("entities").dataType()).isEqualTo(EntityColumns.ENTITIES);
    }

    @Test
    void should_read_the_student_through_hadoop_filesystem_when_its_path_is_a_file_uri() {
        // given a file: URI, resolved by Hadoop's FileSystem as hdfs: or s3a: would be
        List<String[]> few = notes.subList(0, 6);
        String uri = TinyStudent.saved().toUri().toString();

        // when
        List<Row> rows = MedDistillSpark.extract(LocalSpark.notes(few, 2), "text", uri).collectAsList();

        // then
        Map<String, List<Entity>> expected = new HashMap<>();
        few.forEach(note -> expected.put(note[0], singleJvm.get(note[0])));
        assertThat(byId(rows, "entities")).isEqualTo(expected);
    }

    @Test
    void should_give_null_entities_and_an_error_when_a_note_text_is_null() {
        // given one note without text among good ones
        List<String[]> mixed = new ArrayList<>(notes.subList(0, 3));
        mixed.add(1, new String[] {"empty", null});

        // when
        List<Row> rows = MedDistillSpark.extract(LocalSpark.notes(mixed, 1), "text", TinyStudent.saved().toString(),
                ExtractOptions.defaults().withEntitiesColumn("found").withErrorColumn("why")).collectAsList();

        // then
        Row failed = rows.get(1);
        assertThat(failed.getString(0)).isEqualTo("empty");
        assertThat(EntityColumns.fromColumn(failed, "found")).isNull();
        assertThat(failed.getString(failed.fieldIndex("why"))).isEqualTo("MedDistillException: note text is null");
        assertThat(EntityColumns.fromColumn(rows.get(0), "found")).isEqualTo(singleJvm.get(notes.get(0)[0]));
        assertThat(EntityColumns.fromColumn(rows.get(2), "found")).isEqualTo(singleJvm.get(notes.get(1)[0]));
    }

    @Test
    void should_fail_the_job_when_fail_fast_is_set_and_a_note_fails() {
        List<String[]> mixed = List.of(notes.get(0), new String[] {"empty", null});
        Dataset<Row> result = MedDistillSpark.extract(LocalSpark.notes(mixed, 1), "text",
                TinyStudent.saved().toString(), ExtractOptions.defaults().withFailureMode(FailureMode.FAIL_FAST));

        assertThatThrownBy(result::collectAsList).hasStackTraceContaining("note text is null")
                .hasStackTraceContaining("partition 0 row 1");
    }

    @Test
    void should_name_the_columns_when_the_text_column_is_missing_or_an_output_column_exists() {
        Dataset<Row> frame = LocalSpark.notes(notes.subList(0, 1), 1);

        assertThatThrownBy(() -> MedDistillSpark.extract(frame, "body", "/models/student"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'body'")
                .hasMessageContaining("[id, text]");
        assertThatThrownBy(() -> MedDistillSpark.extract(frame, "text", "/models/student",
                ExtractOptions.defaults().withEntitiesColumn("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'id' exists already");
    }
}
