package io.github.meddistill.examples.guide;

import io.github.meddistill.core.Entity;
import io.github.meddistill.student.BertStudent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embedding a saved student in an application: load it once at start-up, share the instance between
 * request threads ({@link BertStudent} is thread-safe), close it at shutdown. Notes never leave the JVM.
 *
 * <p>Run: {@code java -cp examples/target/meddistill.jar io.github.meddistill.examples.guide.EmbeddedStudentExample
 * meddistill-demo/ncbi-disease/students/student "note one" "note two" ...}
 */
public final class EmbeddedStudentExample {

    private EmbeddedStudentExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedStudentExample MODEL_DIR TEXT [TEXT ...]");
            System.exit(2);
        }
        List<String> notes = List.of(args).subList(1, args.length);
        for (List<Entity> entities : extractConcurrently(Path.of(args[0]), notes, 4)) {
            System.out.println(entities.stream().map(e -> e.type() + ":" + e.text() + "@" + e.start()).toList());
        }
    }

    /** Loads the student once and extracts every note on a pool of {@code threads}, results in note order. */
    public static List<List<Entity>> extractConcurrently(Path modelDirectory, List<String> notes, int threads) throws Exception {
        try (BertStudent student = BertStudent.load(modelDirectory)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Entity>>> futures = new ArrayList<>();
                for (String note : notes) {
                    futures.add(pool.submit(() -> student.extract(note)));
                }
                List<List<Entity>> results = new ArrayList<>();
                for (Future<List<Entity>> future : futures) {
                    results.add(future.get());
                }
                return results;
            } finally {
                pool.shutdown();
            }
        }
    }
}
