package io.github.meddistill.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.BootstrapIntervals;
import io.github.meddistill.eval.ConfidenceInterval;
import io.github.meddistill.eval.MacroScore;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.PairedComparison;
import io.github.meddistill.eval.PairedTest;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.ScoreIntervals;
import io.github.meddistill.eval.SystemScores;
import io.github.meddistill.eval.cost.SpeedCost;
import io.github.meddistill.eval.cost.SpeedCostRatio;
import io.github.meddistill.eval.errors.ErrorExample;
import io.github.meddistill.eval.errors.ErrorGroup;
import io.github.meddistill.eval.errors.ErrorKind;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The JSON form of an {@link EvaluationReport}. Schema, version 1 (keys are stable; new keys may be
 * added, existing ones are not renamed or removed within a version; values that were not measured or
 * are not defined are {@code null}, never NaN):
 *
 * <pre>
 * {
 *   "schemaVersion": 1, "title": str, "documents": int, "types": [str],
 *   "bootstrap": {"resamples": int, "seed": int, "confidenceLevel": num},
 *   "systems": [{
 *     "name": str, "role": str,
 *     "strict" | "lenient": {
 *       "micro":   SCORE,
 *       "macro":   {"precision", "recall", "f1": num, "ci": CI},
 *       "perType": {TYPE: SCORE}
 *     },
 *     "tokenLevel": {"micro": COUNTS, "perType": {TYPE: COUNTS}},      BIO tags over word tokens, no CI
 *     "speed": null | {"notes": int, "notesPerSecond": num?, "latencyP50Ms": num?, "latencyP95Ms": num?},
 *     "cost":  null | {"inputTokens", "cachedInputTokens", "outputTokens", "totalTokens": int, "usd": num,
 *                      "tokensPer1000Notes", "inputTokensPer1000Notes", "outputTokensPer1000Notes",
 *                      "usdPer1000Notes": num},
 *     "errors": {TYPE: {"falsePositives" | "falseNegatives": {"total": int, "groups": [
 *                 {"surfaceForm": str, "count": int, "examples": [{"document": str, "start": int, "end": int,
 *                  "text": str, "left": str, "right": str, "cause": "BOUNDARY" | "WRONG_TYPE" | "UNMATCHED"}]}]}}}
 *   }],
 *   "ratios": [{"system": str, "baseline": str, "timesFaster": num?, "timesLowerLatency": num?, "timesCheaper": num?}],
 *   "pairedTests": [{"systemA": str, "systemB": str, "resamples": int, "seed": int,
 *                    "strict" | "lenient": {"micro": TEST, "perType": {TYPE: TEST}}}]
 * }
 * COUNTS = {"precision", "recall", "f1": num, "tp", "fp", "fn": int}
 * SCORE  = COUNTS + {"ci": CI}
 * CI     = {"precision": [lower, upper], "recall": [lower, upper], "f1": [lower, upper]}
 * TEST   = {"f1A", "f1B", "difference", "pValue": num}          pValue: A better than B
 * </pre>
 *
 * The error lists contain note text.
 */
public final class JsonReport {

    /** Version of the schema above. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    static String render(EvaluationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("title", report.title());
        root.put("documents", report.documents());
        ArrayNode types = root.putArray("types");
        report.types().forEach(t -> types.add(t.name()));
        ObjectNode bootstrap = root.putObject("bootstrap");
        bootstrap.put("resamples", report.bootstrap().resamples());
        bootstrap.put("seed", report.bootstrap().seed());
        bootstrap.put("confidenceLevel", report.bootstrap().confidenceLevel());
        ArrayNode systems = root.putArray("systems");
        for (SystemResult system : report.systems()) {
            systems.add(system(system, report.maxErrorGroups()));
        }
        ArrayNode ratios = root.putArray("ratios");
        for (SpeedCostRatio ratio : report.ratios()) {
            ObjectNode node = ratios.addObject();
            node.put("system", ratio.system());
            node.put("baseline", ratio.baseline());
            putOptional(node, "timesFaster", ratio.timesFaster());
            putOptional(node, "timesLowerLatency", ratio.timesLowerLatency());
            putOptional(node, "timesCheaper", ratio.timesCheaper());
        }
        ArrayNode tests = root.putArray("pairedTests");
        for (PairedComparison comparison : report.pairedTests()) {
            tests.add(pairedTest(comparison));
        }
        return write(root);
    }

    /**
     * The {@code strict} / {@code lenient} scores of one system as a JSON object, as in the
     * {@code systems} entries of the report (used by the command line). Intervals are included when given.
     */
    public static ObjectNode scores(SystemScores scores, BootstrapIntervals intervals) {
        ObjectNode node = MAPPER.createObjectNode();
        for (MatchMode mode : MatchMode.values()) {
            ObjectNode modeNode = node.putObject(mode.key());
            ObjectNode micro = counts(modeNode.putObject("micro"), scores.micro(mode));
            ObjectNode macro = modeNode.putObject("macro");
            MacroScore macroScore = scores.macro(mode);
            macro.put("precision", macroScore.precision());
            macro.put("recall", macroScore.recall());
            macro.put("f1", macroScore.f1());
            ObjectNode perType = modeNode.putObject("perType");
            for (Map.Entry<EntityType, Score> entry : scores.perType(mode).entrySet()) {
                ObjectNode typeNode = counts(perType.putObject(entry.getKey().name()), entry.getValue());
                if (intervals != null) {
                    intervals.of(mode, entry.getKey()).ifPresent(ci -> putIntervals(typeNode, ci));
                }
            }
            if (intervals != null) {
                putIntervals(micro, intervals.micro().get(mode));
                putIntervals(macro, intervals.macro().get(mode));
            }
        }
        ObjectNode tokens = node.putObject("tokenLevel");
        counts(tokens.putObject("micro"), scores.tokenMicro());
        ObjectNode tokenTypes = tokens.putObject("perType");
        scores.tokenPerType().forEach((type, score) -> counts(tokenTypes.putObject(type.name()), score));
        return node;
    }

    /** Compact JSON text of a node. */
    public static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report: " + e.getMessage(), e);
        }
    }

    private static ObjectNode system(SystemResult system, int maxErrorGroups) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", system.name());
        node.put("role", system.role());
        node.setAll(scores(system.scores(), system.intervals()));
        if (system.speedCost().isEmpty()) {
            node.putNull("speed");
            node.putNull("cost");
        } else {
            SpeedCost sc = system.speedCost().get();
            ObjectNode speed = node.putObject("speed");
            speed.put("notes", sc.notes());
            putOptional(speed, "notesPerSecond", sc.notesPerSecond());
            putOptional(speed, "latencyP50Ms", sc.latencyP50Millis());
            putOptional(speed, "latencyP95Ms", sc.latencyP95Millis());
            ObjectNode cost = node.putObject("cost");
            cost.put("inputTokens", sc.measurement().tokens().inputTokens());
            cost.put("cachedInputTokens", sc.measurement().tokens().cachedInputTokens());
            cost.put("outputTokens", sc.measurement().tokens().outputTokens());
            cost.put("totalTokens", sc.measurement().tokens().totalTokens());
            cost.put("usd", sc.measurement().costUsd());
            cost.put("tokensPer1000Notes", sc.tokensPer1000Notes());
            cost.put("inputTokensPer1000Notes", sc.inputTokensPer1000Notes());
            cost.put("outputTokensPer1000Notes", sc.outputTokensPer1000Notes());
            cost.put("usdPer1000Notes", sc.usdPer1000Notes());
        }
        if (system.context().isEmpty()) {
            node.putNull("context");
        } else {
            ContextSummary c = system.context().get();
            ObjectNode context = node.putObject("context");
            context.put("entities", c.entities());
            context.put("assessed", c.assessed());
            context.put("negated", c.negated());
            context.put("uncertain", c.uncertain());
            context.put("hypothetical", c.hypothetical());
            context.put("historical", c.historical());
            context.put("family", c.family());
            context.put("otherExperiencer", c.otherExperiencer());
            context.put("linked", c.linked());
            ObjectNode sources = context.putObject("linkedBySource");
            c.linkedBySource().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sources.put(e.getKey(), e.getValue()));
        }
        ObjectNode errors = node.putObject("errors");
        for (EntityType type : system.errors().types()) {
            ObjectNode typeNode = errors.putObject(type.name());
            putErrors(typeNode.putObject("falsePositives"), system, type, ErrorKind.FALSE_POSITIVE, maxErrorGroups);
            putErrors(typeNode.putObject("falseNegatives"), system, type, ErrorKind.FALSE_NEGATIVE, maxErrorGroups);
        }
        return node;
    }

    private static void putErrors(ObjectNode node, SystemResult system, EntityType type, ErrorKind kind, int maxGroups) {
        node.put("total", system.errors().count(type, kind));
        ArrayNode groups = node.putArray("groups");
        system.errors().groups(type, kind).stream().limit(maxGroups).forEach(group -> groups.add(group(group)));
    }

    private static ObjectNode group(ErrorGroup group) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("surfaceForm", group.surfaceForm());
        node.put("count", group.count());
        ArrayNode examples = node.putArray("examples");
        for (ErrorExample example : group.examples()) {
            ObjectNode e = examples.addObject();
            e.put("document", example.documentId());
            e.put("start", example.start());
            e.put("end", example.end());
            e.put("text", example.text());
            e.put("left", example.leftContext());
            e.put("right", example.rightContext());
            e.put("cause", example.cause().name());
        }
        return node;
    }

    private static ObjectNode pairedTest(PairedComparison comparison) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("systemA", comparison.systemA());
        node.put("systemB", comparison.systemB());
        node.put("resamples", comparison.resamples());
        node.put("seed", comparison.seed());
        for (MatchMode mode : MatchMode.values()) {
            ObjectNode modeNode = node.putObject(mode.key());
            test(modeNode.putObject("micro"), comparison.micro().get(mode));
            ObjectNode perType = modeNode.putObject("perType");
            comparison.perType().get(mode).forEach((type, test) -> test(perType.putObject(type.name()), test));
        }
        return node;
    }

    private static void test(ObjectNode node, PairedTest test) {
        node.put("f1A", test.f1A());
        node.put("f1B", test.f1B());
        node.put("difference", test.difference());
        node.put("pValue", test.pValue());
    }

    private static ObjectNode counts(ObjectNode node, Score score) {
        node.put("precision", score.precision());
        node.put("recall", score.recall());
        node.put("f1", score.f1());
        node.put("tp", score.tp());
        node.put("fp", score.fp());
        node.put("fn", score.fn());
        return node;
    }

    private static void putIntervals(ObjectNode node, ScoreIntervals intervals) {
        ObjectNode ci = node.putObject("ci");
        pair(ci, "precision", intervals.precision());
        pair(ci, "recall", intervals.recall());
        pair(ci, "f1", intervals.f1());
    }

    private static void pair(ObjectNode node, String key, ConfidenceInterval interval) {
        node.putArray(key).add(interval.lower()).add(interval.upper());
    }

    private static void putOptional(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(key, value.getAsDouble());
        } else {
            node.putNull(key);
        }
    }
}
