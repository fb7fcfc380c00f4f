package io.github.meddistill.spark.internal;

import io.github.meddistill.core.Student;
import io.github.meddistill.spark.StudentEngine;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.OnnxStudent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The students of this JVM: one per path and engine, loaded by the first task that needs it and shared by every task
 * after it (Spark's task threads call {@code extractAll} at once, which the students allow). Never closed while the
 * JVM lives; local copies of remote directories are deleted when it exits. Thread-safe.
 */
public final class ExecutorStudents {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorStudents.class);
    private static final Map<String, Student> STUDENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Path COPIES = Path.of(System.getProperty("java.io.tmpdir"),
            "meddistill-spark-" + ProcessHandle.current().pid());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorStudents::deleteCopies, "meddistill-student-cleanup"));
    }

    private ExecutorStudents() {
    }

    /** The student at {@code path} on {@code engine}, loaded on first use. */
    public static Student get(String path, StudentEngine engine) {
        return STUDENTS.computeIfAbsent(engine + " " + path, key -> load(path, engine));
    }

    /** How many students this JVM has loaded (for tests and logs). */
    public static int loads() {
        return LOADS.get();
    }

    private static Student load(String path, StudentEngine engine) {
        long started = System.nanoTime();
        Path local = StudentFiles.localDirectory(path, COPIES);
        Student student = switch (engine) {
            case PYTORCH -> BertStudent.load(local);
            case ONNX_RUNTIME -> OnnxStudent.load(local);
        };
        LOADS.incrementAndGet();
        LOG.info("loaded student {} on {} in {} ms", path, engine, (System.nanoTime() - started) / 1_000_000);
        return student;
    }

    private static void deleteCopies() {
        if (!Files.isDirectory(COPIES)) {
            return;
        }
        try (Stream<Path> files = Files.walk(COPIES)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete local student copies in {}: {}", COPIES, e.toString());
        }
    }
}
