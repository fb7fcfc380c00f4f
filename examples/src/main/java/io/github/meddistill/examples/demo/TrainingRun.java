package io.github.meddistill.examples.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.examples.student.TrainingSummaryJson;
import io.github.meddistill.student.TrainingListener;
import io.github.meddistill.student.TrainingSummary;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One student the main job trained: its name in the task's student store ({@code student}, {@code gold-student},
 * {@code student-round-2}, ...), the trainer's summary and every epoch's development F1 and wall time, so that a run
 * shows development F1 against minutes of training for each way of spending them.
 *
 * @param student the student's name in the task's store
 * @param summary what the trainer reported when it finished
 * @param epochs every epoch in order, as the trainer reported it
 */
public record TrainingRun(String student, TrainingSummary summary, List<TrainingListener.Epoch> epochs) {

    public TrainingRun {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(summary, "summary");
        epochs = List.copyOf(epochs);
    }

    /**
     * The {@link TrainingSummaryJson} fields, {@code seconds}, and {@code epochs}: per epoch its number,
     * {@code devF1} (null without dev), {@code meanLoss} and {@code seconds}.
     */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.setAll(TrainingSummaryJson.of(summary));
        node.put("seconds", summary.seconds());
        ArrayNode epochNodes = node.putArray("epochs");
        for (TrainingListener.Epoch epoch : epochs) {
            ObjectNode epochNode = epochNodes.addObject().put("epoch", epoch.epoch());
            if (epoch.devF1().isPresent()) {
                epochNode.put("devF1", epoch.devF1().getAsDouble());
            } else {
                epochNode.putNull("devF1");
            }
            epochNode.put("meanLoss", epoch.meanLoss()).put("seconds", epoch.seconds());
        }
        return node;
    }

    /** One line for the Markdown report: dev F1 by epoch, the kept epoch and the wall time. */
    String describe() {
        String devByEpoch = epochs.stream()
                .map(epoch -> epoch.devF1().isPresent() ? String.format(Locale.ROOT, "%.3f", epoch.devF1().getAsDouble())
                        : "-")
                .collect(Collectors.joining(" / "));
        return String.format(Locale.ROOT, "%s: %d epoch%s in %.0f s, dev F1 by epoch %s (epoch %d kept)", student,
                summary.epochs(), summary.epochs() == 1 ? "" : "s", summary.seconds(), devByEpoch, summary.bestEpoch());
    }
}
