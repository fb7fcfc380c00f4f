package io.github.meddistill.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tests' Spark: {@code local[2,2]} (two task threads, as CI's two cores, and a second attempt for a failed task,
 * which plain {@code local[2]} does not make), on loopback only, without UI; shared by every test class of the JVM.
 */
final class LocalSpark {

    static final StructType NOTES = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, true);

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("meddistill-spark-tests")
                    .master("local[2,2]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    /** A DataFrame {@code (id, text)} of these notes in {@code partitions} partitions, in order. */
    static Dataset<Row> notes(List<String[]> idAndText, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (String[] note : idAndText) {
            rows.add(RowFactory.create(note[0], note[1]));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(context.parallelize(rows, partitions), NOTES);
    }

    /** The first {@code count} MTSamples transcriptions as {@code (note_id, transcription)}, read by Spark's CSV reader. */
    static List<String[]> mtSamples(int count) {
        Path csv = Path.of(System.getProperty("meddistill.shared.data", "../../shared/data"))
                .resolve("mtsamples/mtsamples_subset.csv");
        List<Row> rows = session().read().option("header", true).option("multiLine", true).option("escape", "\"")
                .csv(csv.toString()).select("note_id", "transcription").where("transcription is not null")
                .limit(count).collectAsList();
        List<String[]> notes = new ArrayList<>();
        for (Row row : rows) {
            notes.add(new String[] {"mts-" + row.getString(0), row.getString(1)});
        }
        if (notes.size() < count) {
            throw new IllegalStateException("expected " + count + " MTSamples notes in " + csv + ", found " + notes.size());
        }
        return notes;
    }
}
