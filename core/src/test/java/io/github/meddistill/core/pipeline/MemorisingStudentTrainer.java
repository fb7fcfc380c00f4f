package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A student that remembers the mention strings it was trained on and finds them again; saves them as lines. Given
 * confidences, it remembers only the mentions of confidence 0.5 or more.
 */
final class MemorisingStudentTrainer implements StudentTrainer, StudentLoader {

    final AtomicInteger trainings = new AtomicInteger();
    volatile MentionConfidences lastConfidences = MentionConfidences.NONE;
    volatile String configuration = "memorise every phrase";

    @Override
    public String configuration() {
        return configuration;
    }

    @Override
    public Student train(List<Annotation> training, List<Annotation> development) {
        return train(training, development, MentionConfidences.NONE);
    }

    @Override
    public Student train(List<Annotation> training, List<Annotation> development, MentionConfidences confidences) {
        trainings.incrementAndGet();
        lastConfidences = confidences;
        Map<String, EntityType> phrases = new TreeMap<>();
        training.forEach(a -> a.entities().stream().filter(e -> confidences.of(a.documentId(), e) >= 0.5)
                .forEach(e -> phrases.put(e.text(), e.type())));
        return new MemorisingStudent(phrases);
    }

    @Override
    public boolean weighsMentions() {
        return true;
    }

    @Override
    public Student load(Path directory) {
        try {
            Map<String, EntityType> phrases = new TreeMap<>();
            for (String line : Files.readAllLines(directory.resolve("phrases.tsv"))) {
                String[] fields = line.split("\t");
                phrases.put(fields[0], EntityType.of(fields[1]));
            }
            return new MemorisingStudent(phrases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record MemorisingStudent(Map<String, EntityType> phrases) implements Student {

        @Override
        public List<Entity> extract(String text) {
            List<Entity> entities = new ArrayList<>();
            phrases.forEach((phrase, type) -> {
                for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
                    entities.add(Entity.of(text, at, at + phrase.length(), type));
                }
            });
            entities.sort(Entity.DOCUMENT_ORDER);
            return entities;
        }

        @Override
        public Set<EntityType> entityTypes() {
            return new LinkedHashSet<>(phrases.values());
        }

        @Override
        public void save(Path directory) {
            try {
                Files.createDirectories(directory);
                List<String> lines = new ArrayList<>();
                phrases.forEach((phrase, type) -> lines.add(phrase + "\t" + type.name()));
                Files.write(directory.resolve("phrases.tsv"), lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
