package io.github.meddistill.eval.report;

import static io.github.meddistill.eval.report.Formats.interval;
import static io.github.meddistill.eval.report.Formats.optional;
import static io.github.meddistill.eval.report.Formats.score;
import static io.github.meddistill.eval.report.Formats.times;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.PairedComparison;
import io.github.meddistill.eval.PairedTest;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.ScoreIntervals;
import io.github.meddistill.eval.cost.SpeedCost;
import io.github.meddistill.eval.cost.SpeedCostRatio;

/** Markdown tables of an {@link EvaluationReport}; shows no note text. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(report.title())).append("\n\n");
        md.append(report.documents()).append(" documents; ")
                .append(Math.round(report.bootstrap().confidenceLevel() * 100)).append("% bootstrap intervals over documents (")
                .append(report.bootstrap().resamples()).append(" resamples, seed ").append(report.bootstrap().seed())
                .append(").\n\n");
        md.append("## Scores\n\n").append(scoreTable(report)).append('\n');
        md.append("## Speed and cost\n\n").append(speedTable(report)).append('\n');
        if (report.systems().stream().anyMatch(system -> system.context().isPresent())) {
            md.append("## Clinical context of the predictions (counts)\n\n").append(contextTable(report)).append('\n');
        }
        if (!report.ratios().isEmpty()) {
            md.append("## Ratios\n\n| system | baseline | times faster | times lower p50 latency | times cheaper |\n|---|---|---|---|---|\n");
            for (SpeedCostRatio ratio : report.ratios()) {
                md.append("| ").append(escape(ratio.system())).append(" | ").append(escape(ratio.baseline())).append(" | ")
                        .append(times(ratio.timesFaster())).append(" | ").append(times(ratio.timesLowerLatency()))
                        .append(" | ").append(times(ratio.timesCheaper())).append(" |\n");
            }
            md.append('\n');
        }
        if (!report.pairedTests().isEmpty()) {
            md.append("## Paired bootstrap tests (strict F1; p-value for \"A better than B\")\n\n")
                    .append("| A | B | scope | F1 A | F1 B | difference | p-value |\n|---|---|---|---|---|---|---|\n");
            for (PairedComparison comparison : report.pairedTests()) {
                testRow(md, comparison, "micro", comparison.micro().get(MatchMode.STRICT));
                comparison.perType().get(MatchMode.STRICT).forEach((type, test) -> testRow(md, comparison, type.name(), test));
            }
        }
        return md.toString();
    }

    /** One row per system and scope (each type, then micro): strict and lenient P/R/F1, F1 with interval. */
    static String scoreTable(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("| system | role | type | strict P | strict R | strict F1 | strict F1 CI | lenient P | lenient R | lenient F1 | lenient F1 CI | gold | predicted |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SystemResult system : report.systems()) {
            for (EntityType type : system.scores().types()) {
                row(md, system, type.name(), system.scores().score(MatchMode.STRICT, type),
                        system.scores().score(MatchMode.LENIENT, type),
                        system.intervals().of(MatchMode.STRICT, type).orElseThrow(),
                        system.intervals().of(MatchMode.LENIENT, type).orElseThrow());
            }
            row(md, system, "micro", system.scores().micro(MatchMode.STRICT), system.scores().micro(MatchMode.LENIENT),
                    system.intervals().micro().get(MatchMode.STRICT), system.intervals().micro().get(MatchMode.LENIENT));
        }
        return md.toString();
    }

    /** Per system whose predictions carry assertions or concepts: entity counts per status and per concept source. */
    static String contextTable(EvaluationReport report) {
        StringBuilder md = new StringBuilder("| system | ").append(String.join(" | ", ContextSummary.COUNT_NAMES))
                .append(" | linked by source |\n|---|").append("---|".repeat(ContextSummary.COUNT_NAMES.size()))
                .append("---|\n");
        for (SystemResult system : report.systems()) {
            if (system.context().isEmpty()) {
                continue;
            }
            ContextSummary context = system.context().get();
            md.append("| ").append(escape(system.name()));
            for (int count : context.counts()) {
                md.append(" | ").append(count);
            }
            md.append(" | ").append(escape(context.linkedBySourceText())).append(" |\n");
        }
        return md.toString();
    }

    private static String speedTable(EvaluationReport report) {
        StringBuilder md = new StringBuilder("| system | notes | notes/s | p50 ms | p95 ms | tokens / 1k notes | USD / 1k notes |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (SystemResult system : report.systems()) {
            md.append("| ").append(escape(system.name())).append(" | ");
            if (system.speedCost().isEmpty()) {
                md.append("n/a | n/a | n/a | n/a | n/a | n/a |\n");
                continue;
            }
            SpeedCost sc = system.speedCost().get();
            md.append(sc.notes()).append(" | ").append(optional(sc.notesPerSecond())).append(" | ")
                    .append(optional(sc.latencyP50Millis())).append(" | ").append(optional(sc.latencyP95Millis()))
                    .append(" | ").append(Formats.number(sc.tokensPer1000Notes())).append(" | ")
                    .append(Formats.number(sc.usdPer1000Notes())).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, SystemResult system, String scope, Score strict, Score lenient,
                            ScoreIntervals strictCi, ScoreIntervals lenientCi) {
        md.append("| ").append(escape(system.name())).append(" | ").append(escape(system.role())).append(" | ").append(scope)
                .append(" | ").append(score(strict.precision())).append(" | ").append(score(strict.recall()))
                .append(" | ").append(score(strict.f1())).append(" | ").append(interval(strictCi.f1()))
                .append(" | ").append(score(lenient.precision())).append(" | ").append(score(lenient.recall()))
                .append(" | ").append(score(lenient.f1())).append(" | ").append(interval(lenientCi.f1()))
                .append(" | ").append(strict.gold()).append(" | ").append(strict.predicted()).append(" |\n");
    }

    private static void testRow(StringBuilder md, PairedComparison comparison, String scope, PairedTest test) {
        md.append("| ").append(escape(comparison.systemA())).append(" | ").append(escape(comparison.systemB())).append(" | ")
                .append(scope).append(" | ").append(score(test.f1A())).append(" | ").append(score(test.f1B())).append(" | ")
                .append(score(test.difference())).append(" | ").append(Formats.pValue(test.pValue())).append(" |\n");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
