package io.github.meddistill.spark;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tiny BERT student trained in seconds on templated notes and saved once per test JVM. */
final class TinyStudent {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);
    private static final List<String> DISEASES = List.of("hypertension", "diabetes", "pneumonia", "asthma",
            "allergies", "pain", "infection", "coronary artery disease");
    private static final List<String> DRUGS = List.of("aspirin", "metformin", "lisinopril", "albuterol", "Claritin",
            "Flonase", "prednisone", "insulin");

    private static Path saved;

    private TinyStudent() {
    }

    static synchronized Path saved() {
        if (saved == null) {
            try {
                Path directory = Files.createTempDirectory("meddistill-spark-student-");
                BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                        .learningRate(3e-3).epochs(3).batchSize(8).devices("cpu").seed(11).build();
                try (BertStudent student = trainer.train(notes(48, 1), List.of())) {
                    student.save(directory);
                }
                saved = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return saved;
    }

    private static List<Annotation> notes(int count, long seed) {
        Random random = new Random(seed);
        List<Annotation> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            List<EntityType> types = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                text.append("The patient has a history of ");
                int start = text.length();
                text.append(DISEASES.get(random.nextInt(DISEASES.size())));
                spans.add(new int[] {start, text.length()});
                types.add(EntityType.DISEASE);
                text.append(" and takes ");
                start = text.length();
                text.append(DRUGS.get(random.nextInt(DRUGS.size())));
                spans.add(new int[] {start, text.length()});
                types.add(EntityType.MEDICATION);
                text.append(" daily. ");
            }
            String note = text.toString().strip();
            List<Entity> entities = new ArrayList<>();
            for (int e = 0; e < spans.size(); e++) {
                entities.add(Entity.of(note, spans.get(e)[0], spans.get(e)[1], types.get(e)));
            }
            notes.add(new Annotation(new Document("train-" + i, note), entities, Annotation.GOLD));
        }
        return notes;
    }
}
