package io.github.meddistill.examples.student;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.meddistill.student.TrainingSummary;

/** A {@link TrainingSummary} as the JSON fields the command line prints for every trained student. */
public final class TrainingSummaryJson {

    private TrainingSummaryJson() {
    }

    /**
     * {@code epochsRun}, {@code steps}, {@code appliedSteps}, {@code skippedNonFiniteLoss},
     * {@code skippedNonFiniteGradient}, {@code bestEpoch}, {@code bestDevF1} (null without dev) and
     * {@code maxWeightChange}.
     */
    public static ObjectNode of(TrainingSummary summary) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("epochsRun", summary.epochs());
        node.put("steps", summary.steps());
        node.put("appliedSteps", summary.appliedSteps());
        node.put("skippedNonFiniteLoss", summary.skippedNonFiniteLoss());
        node.put("skippedNonFiniteGradient", summary.skippedNonFiniteGradient());
        node.put("bestEpoch", summary.bestEpoch());
        if (summary.bestDevF1().isPresent()) {
            node.put("bestDevF1", summary.bestDevF1().getAsDouble());
        } else {
            node.putNull("bestDevF1");
        }
        node.put("maxWeightChange", summary.maxWeightChange());
        return node;
    }

    /** One line for people: steps, what was skipped and why, and a warning when no weight changed. */
    public static String describe(TrainingSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(summary.steps()).append(" steps, ").append(summary.appliedSteps()).append(" applied");
        if (!summary.noSkippedSteps()) {
            text.append("; skipped: ").append(summary.skippedNonFiniteLoss()).append(" for a non-finite loss, ")
                    .append(summary.skippedNonFiniteGradient()).append(" for a non-finite gradient with a finite loss");
        }
        if (!summary.changedWeights()) {
            text.append("; WARNING: training changed no weight, the saved student is its initial encoder");
        }
        return text.toString();
    }
}
