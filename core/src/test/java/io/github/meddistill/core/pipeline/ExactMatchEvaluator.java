package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Counts, per system, the gold entities it found exactly; enough to check what the pipeline hands an evaluator. */
final class ExactMatchEvaluator implements Evaluator {

    @Override
    public Evaluation evaluate(List<SystemRun> systems, List<Annotation> gold) {
        Map<String, Annotation> goldById = gold.stream().collect(Collectors.toMap(Annotation::documentId, a -> a));
        int goldCount = gold.stream().mapToInt(a -> a.entities().size()).sum();
        StringBuilder table = new StringBuilder();
        for (SystemRun system : systems) {
            int found = 0;
            for (Annotation predicted : system.predictions()) {
                Set<Object> expected = new HashSet<>(goldById.get(predicted.documentId()).entities());
                found += (int) predicted.entities().stream().filter(expected::contains).count();
            }
            table.append(system.name()).append(' ').append(found).append('/').append(goldCount).append('\n');
        }
        String summary = table.toString();
        return new Evaluation() {
            @Override
            public String summaryTable() {
                return summary;
            }

            @Override
            public void writeReports(Path directory) {
                try {
                    Files.writeString(directory.resolve("report.txt"), summary);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
