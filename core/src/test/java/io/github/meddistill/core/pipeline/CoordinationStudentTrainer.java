package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A student that generalises one step beyond its labels, as a real one does: it finds the words it was trained on
 * and also the word coordinated after one of them ("asthma and bronchitis": bronchitis too). Self-training can
 * then teach it, round by round, what no teacher knew.
 */
final class CoordinationStudentTrainer implements StudentTrainer, StudentLoader {

    private static final Pattern COORDINATION = Pattern.compile("(\\w+) and (\\w+)");

    final AtomicInteger trainings = new AtomicInteger();

    @Override
    public String configuration() {
        return "words and their coordinations";
    }

    @Override
    public Student train(List<Annotation> training, List<Annotation> development) {
        trainings.incrementAndGet();
        Map<String, EntityType> words = new TreeMap<>();
        training.forEach(a -> a.entities().forEach(e -> words.put(e.text(), e.type())));
        return new CoordinationStudent(words);
    }

    @Override
    public Student load(Path directory) {
        try {
            Map<String, EntityType> words = new TreeMap<>();
            for (String line : Files.readAllLines(directory.resolve("words.tsv"))) {
                String[] fields = line.split("\t");
                words.put(fields[0], EntityType.of(fields[1]));
            }
            return new CoordinationStudent(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record CoordinationStudent(Map<String, EntityType> words) implements Student {

        @Override
        public List<Entity> extract(String text) {
            Set<Entity> found = new TreeSet<>();
            Matcher word = Pattern.compile("\\w+").matcher(text);
            while (word.find()) {
                EntityType type = words.get(word.group());
                if (type != null) {
                    found.add(Entity.of(text, word.start(), word.end(), type));
                }
            }
            Matcher pair = COORDINATION.matcher(text);
            while (pair.find()) {
                EntityType type = words.get(pair.group(1));
                if (type != null) {
                    found.add(Entity.of(text, pair.start(2), pair.end(2), type));
                }
            }
            return new ArrayList<>(found);
        }

        @Override
        public Set<EntityType> entityTypes() {
            return Set.copyOf(words.values());
        }

        @Override
        public void save(Path directory) {
            try {
                Files.createDirectories(directory);
                List<String> lines = new ArrayList<>();
                words.forEach((w, type) -> lines.add(w + "\t" + type.name()));
                Files.write(directory.resolve("words.tsv"), lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
