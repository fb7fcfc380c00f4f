package io.github.meddistill.examples.student;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.ConllReader;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.TrainingListener;
import io.github.meddistill.student.TrainingSummary;

/**
 * One run of {@link StudentSoak}, in a JVM of its own so that a crash is counted instead of ending the soak:
 * trains a MiniLM student for one epoch on a CoNLL file and saves it while, when a saved student is given, several
 * threads extract from it over and over and check that every call gives the first call's entities. Prints one
 * JSON line: the {@link TrainingSummaryJson} fields plus {@code extractions} and {@code extractionMismatches}.
 *
 * <p>Arguments: {@code TRAIN.conll OUT_DIR SEED [SAVED_STUDENT THREADS]}.
 */
public final class SoakRun {

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        Path train = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        List<Annotation> training = ConllReader.builder().build().read(train).annotations();
        List<String> texts = training.stream().limit(24).map(a -> a.document().text()).toList();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong extractions = new AtomicLong();
        AtomicInteger mismatches = new AtomicInteger();
        List<Thread> extractors = new ArrayList<>();
        BertStudent saved = args.length > 3 ? BertStudent.load(Path.of(args[3])) : null;
        try {
            int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
            for (int t = 0; saved != null && t < threads; t++) {
                Thread thread = new Thread(() -> {
                    List<List<Entity>> first = saved.extractAll(texts);
                    while (!done.get()) {
                        for (int i = 0; i < texts.size() && !done.get(); i++) {
                            if (!saved.extract(texts.get(i)).equals(first.get(i))) {
                                mismatches.incrementAndGet();
                            }
                            extractions.incrementAndGet();
                        }
                    }
                }, "soak-extract-" + t);
                thread.start();
                extractors.add(thread);
            }
            TrainingSummary[] summary = new TrainingSummary[1];
            BertStudentTrainer trainer = BertStudentTrainer.builder().epochs(1).seed(seed)
                    .strictNumerics(false)  // count skipped steps instead of failing at the first
                    .listener(new TrainingListener() {
                        @Override
                        public void onFinish(TrainingSummary finished) {
                            summary[0] = finished;
                        }
                    }).build();
            try (BertStudent student = trainer.train(training, List.of())) {
                student.save(out);
            }
            done.set(true);
            for (Thread thread : extractors) {
                thread.join();
            }
            ObjectNode json = TrainingSummaryJson.of(summary[0]);
            json.put("extractions", extractions.get());
            json.put("extractionMismatches", mismatches.get());
            System.out.println(json);
        } finally {
            done.set(true);
            if (saved != null) {
                for (Thread thread : extractors) {
                    thread.join();
                }
                saved.close();
            }
        }
    }
}
