package io.github.meddistill.spark.internal;

import io.github.meddistill.core.NonRetriableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * Finds a saved student directory through Hadoop's {@link FileSystem}, as Spark resolves its own paths: a path
 * without a scheme is on {@code fs.defaultFS} (the local disk without a Hadoop configuration, HDFS on most YARN
 * clusters), {@code file:}, {@code hdfs:}, {@code s3a:}, {@code abfs:}, {@code gs:} are what their connectors on the
 * classpath make of them. A local directory is used where it is; any other is copied once to a local temporary
 * directory, because the engines load from local files. Thread-safe.
 */
public final class StudentFiles {

    private StudentFiles() {
    }

    /** A local directory holding the student at {@code path}; {@code copies} is where a copy goes. */
    public static Path localDirectory(String path, Path copies) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path);
        try {
            FileSystem fs = source.getFileSystem(hadoopConfiguration());
            org.apache.hadoop.fs.Path qualified = fs.makeQualified(source);
            if (!fs.getFileStatus(qualified).isDirectory()) {
                throw new NonRetriableException("student path " + qualified + " is not a directory: expected a saved"
                        + " student (config.json, model.safetensors, tokenizer.json)");
            }
            if ("file".equals(fs.getScheme())) {
                return Path.of(qualified.toUri());
            }
            Files.createDirectories(copies);
            Path target = Files.createTempDirectory(copies, "student-");
            fs.copyToLocalFile(false, qualified, new org.apache.hadoop.fs.Path(target.toUri()), true);
            return target.resolve(qualified.getName());
        } catch (IOException e) {
            throw new NonRetriableException("cannot read student directory " + path + " through Hadoop FileSystem: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A Hadoop configuration as Spark's own on this JVM: the {@code *-site.xml} files on the classpath plus every
     * {@code spark.hadoop.*} property of the application (credentials for S3 and the like are set that way).
     */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> entry : env.conf().getAll()) {
                if (entry._1().startsWith("spark.hadoop.")) {
                    conf.set(entry._1().substring("spark.hadoop.".length()), entry._2());
                }
            }
        }
        return conf;
    }
}
