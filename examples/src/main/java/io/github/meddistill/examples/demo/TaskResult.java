package io.github.meddistill.examples.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.pipeline.CombinationPlan;
import io.github.meddistill.core.pipeline.Distillation;
import io.github.meddistill.core.pipeline.SelfTrainingRound;
import io.github.meddistill.core.pipeline.SystemRole;
import io.github.meddistill.eval.ConfidenceInterval;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.SystemResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the main job measured on one corpus: for each entity type, one {@link SystemRow} per system.
 *
 * @param task the corpus
 * @param trainDocuments training notes labelled by the teachers
 * @param devDocuments dev notes the combination was chosen on
 * @param testDocuments test notes everything was scored on
 * @param combination the chosen teacher combination per type
 * @param rowsByType the table, per entity type
 * @param training each student trained in this run, in training order (a student reused from an earlier run has
 *     none)
 * @param selfTraining the self-training rounds of the distilled student, empty without self-training
 * @param seconds wall time of the task
 */
public record TaskResult(DemoTask task, int trainDocuments, int devDocuments, int testDocuments, String testName,
                         String combination,
                         Map<EntityType, List<SystemRow>> rowsByType, List<TrainingRun> training,
                         List<SelfTrainingRound> selfTraining, double seconds) {

    public TaskResult {
        rowsByType = Map.copyOf(rowsByType);
        training = List.copyOf(training);
        selfTraining = List.copyOf(selfTraining);
    }

    static TaskResult of(DemoTask task, int train, int dev, int test, String testName, CombinationPlan plan,
                         EvaluationReport report,
                         List<TrainingRun> training, List<SelfTrainingRound> selfTraining, double seconds) {
        Map<EntityType, List<SystemRow>> rows = new LinkedHashMap<>();
        for (EntityType type : task.types().stream().sorted().toList()) {
            List<SystemRow> typeRows = new ArrayList<>();
            for (SystemResult system : report.systems()) {
                if (system.role().equals(SystemRole.TEACHER.label())
                        && system.scores().score(MatchMode.STRICT, type).predicted() == 0) {
                    continue; // a teacher of other types, such as a drug lexicon in the disease table
                }
                ConfidenceInterval ci = system.intervals().of(MatchMode.STRICT, type).orElseThrow().f1();
                OptionalDouble notesPerSecond = system.speedCost().map(s -> s.notesPerSecond()).orElse(OptionalDouble.empty());
                double usd = system.speedCost().map(s -> s.usdPer1000Notes()).orElse(0.0);
                typeRows.add(new SystemRow(system.name(), system.role(), system.scores().score(MatchMode.STRICT, type).f1(),
                        ci.lower(), ci.upper(), notesPerSecond, usd));
            }
            rows.put(type, typeRows);
        }
        return new TaskResult(task, train, dev, test, testName, plan.describe(), rows, training, selfTraining, seconds);
    }

    /** The paper-style table: per type, F1 with its interval, speed, cost, and the student's speed-up over each system. */
    public String table() {
        StringBuilder text = new StringBuilder();
        rowsByType.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            OptionalDouble studentSpeed = entry.getValue().stream().filter(r -> r.name().equals(Distillation.STUDENT))
                    .findFirst().map(SystemRow::notesPerSecond).orElse(OptionalDouble.empty());
            text.append(String.format(Locale.ROOT, "%n%s / %s (%s: %d notes)%n", task.name(), entry.getKey(), testName,
                    testDocuments));
            text.append(String.format(Locale.ROOT, "| %-14s | %-12s | %-6s | %-15s | %9s | %12s | %16s |%n",
                    "system", "role", "F1", "95% CI", "notes/s", "USD/1k notes", "student speed-up"));
            text.append("|----------------|--------------|--------|-----------------|-----------|--------------|------------------|\n");
            for (SystemRow row : entry.getValue()) {
                String speedUp = row.notesPerSecond().isPresent() && studentSpeed.isPresent()
                        ? String.format(Locale.ROOT, "%.3gx", studentSpeed.getAsDouble() / row.notesPerSecond().getAsDouble()) : "-";
                text.append(String.format(Locale.ROOT, "| %-14s | %-12s | %6.3f | [%.3f, %.3f] | %9s | %12.4f | %16s |%n",
                        row.name(), row.role(), row.strictF1(), row.ci95Lower(), row.ci95Upper(),
                        row.notesPerSecond().isPresent() ? String.format(Locale.ROOT, "%.1f", row.notesPerSecond().getAsDouble()) : "-",
                        row.usdPer1000Notes(), speedUp));
            }
        });
        return text.toString();
    }

    /** One JSON object per entity type: {@code task}, {@code type} and {@code systems}. */
    List<ObjectNode> toJson() {
        List<ObjectNode> nodes = new ArrayList<>();
        rowsByType.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("task", task.name());
            node.put("type", entry.getKey().name());
            node.put("trainDocuments", trainDocuments);
            node.put("devDocuments", devDocuments);
            node.put("testDocuments", testDocuments);
            node.put("scoredOn", testName);
            node.put("combination", combination.strip());
            var rounds = node.putArray("selfTraining");
            for (SelfTrainingRound round : selfTraining) {
                ObjectNode roundNode = rounds.addObject().put("round", round.round())
                        .put("addedMentions", round.addedMentions()).put("devF1", round.devF1()).put("kept", round.kept());
                var joined = roundNode.putArray("joinedTypes");
                round.joinedTypes().forEach(type -> joined.add(type.name()));
                ObjectNode byType = roundNode.putObject("devF1ByType");
                round.devF1ByType().forEach((type, f1) -> byType.put(type.name(), f1));
            }
            var systems = node.putArray("systems");
            for (SystemRow row : entry.getValue()) {
                ObjectNode system = systems.addObject();
                system.put("name", row.name());
                system.put("role", row.role());
                system.put("strictF1", row.strictF1());
                system.putArray("ci95").add(row.ci95Lower()).add(row.ci95Upper());
                if (row.notesPerSecond().isPresent()) {
                    system.put("notesPerSecond", row.notesPerSecond().getAsDouble());
                } else {
                    system.putNull("notesPerSecond");
                }
                system.put("usdPer1000Notes", row.usdPer1000Notes());
            }
            nodes.add(node);
        });
        return nodes;
    }
}
