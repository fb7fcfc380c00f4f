package io.github.meddistill.eval.report;

import static io.github.meddistill.eval.report.Formats.interval;
import static io.github.meddistill.eval.report.Formats.optional;
import static io.github.meddistill.eval.report.Formats.score;
import static io.github.meddistill.eval.report.Formats.times;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.ConfidenceInterval;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.PairedComparison;
import io.github.meddistill.eval.PairedTest;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.cost.SpeedCost;
import io.github.meddistill.eval.cost.SpeedCostRatio;
import io.github.meddistill.eval.errors.ErrorExample;
import io.github.meddistill.eval.errors.ErrorGroup;
import io.github.meddistill.eval.errors.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: inline CSS and SVG, no JavaScript, no external resources. Charts:
 * strict F1 per type and system with interval whiskers; strict micro F1 against dollars per 1,000
 * notes on a log axis (systems that cost nothing sit in a separate "$0" column; systems without a
 * measured cost are left out). Contains note text.
 */
final class HtmlReport {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};

    private HtmlReport() {
    }

    static String render(EvaluationReport report) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(report.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td.l,th.l{text-align:left}.warn{background:#fff3cd;padding:.5em 1em;border:1px solid #e0c060}")
                .append("mark{background:#ffe08a}.ctx{font-family:monospace;font-size:90%;text-align:left}")
                .append("svg text{font-family:system-ui,sans-serif}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(report.title())).append("</h1>\n");
        html.append("<p class=\"warn\">This report contains note text (error lists with context). Treat it as protected"
                + " health information: store and share it only where the notes themselves may go.</p>\n");
        html.append("<p>").append(report.documents()).append(" documents; ")
                .append(Math.round(report.bootstrap().confidenceLevel() * 100))
                .append("% bootstrap intervals over documents (").append(report.bootstrap().resamples())
                .append(" resamples, seed ").append(report.bootstrap().seed()).append(").</p>\n");

        html.append("<h2>Strict F1 per entity type</h2>\n").append(f1Chart(report));
        html.append("<h2>F1 against cost</h2>\n").append(costChart(report));
        html.append("<h2>Scores</h2>\n").append(scoreTable(report));
        html.append("<h2>Speed and cost</h2>\n").append(speedTable(report));
        if (report.systems().stream().anyMatch(system -> system.context().isPresent())) {
            html.append("<h2>Clinical context of the predictions (counts)</h2>\n").append(contextTable(report));
        }
        if (!report.ratios().isEmpty()) {
            html.append("<h2>Ratios</h2>\n").append(ratioTable(report));
        }
        if (!report.pairedTests().isEmpty()) {
            html.append("<h2>Paired bootstrap tests</h2>\n").append(testTable(report));
        }
        html.append("<h2>Errors (strict)</h2>\n").append(errors(report));
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String f1Chart(EvaluationReport report) {
        List<String> groups = new ArrayList<>();
        report.types().forEach(t -> groups.add(t.name()));
        groups.add("micro");
        int systems = report.systems().size();
        int barWidth = 30;
        int groupWidth = systems * barWidth + 30;
        int left = 50;
        int top = 20;
        int height = 220;
        int width = Math.max(480, left + groups.size() * groupWidth + 20);
        int legendTop = top + height + 40;
        int totalHeight = legendTop + 18 * systems + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(width).append("\" height=\"").append(totalHeight).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(totalHeight).append("\" role=\"img\" aria-label=\"strict F1 per type\">\n");
        yAxis(svg, left, top, height, width - 10);
        for (int g = 0; g < groups.size(); g++) {
            int groupLeft = left + 15 + g * groupWidth;
            svg.append(text(groupLeft + systems * barWidth / 2.0, top + height + 16, "middle", 12, groups.get(g)));
            for (int s = 0; s < systems; s++) {
                SystemResult system = report.systems().get(s);
                double f1;
                ConfidenceInterval ci;
                if (g < report.types().size()) {
                    EntityType type = report.types().get(g);
                    f1 = system.scores().score(MatchMode.STRICT, type).f1();
                    ci = system.intervals().of(MatchMode.STRICT, type).orElseThrow().f1();
                } else {
                    f1 = system.scores().micro(MatchMode.STRICT).f1();
                    ci = system.intervals().micro().get(MatchMode.STRICT).f1();
                }
                double x = groupLeft + s * barWidth;
                double y = top + height * (1 - f1);
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s F1 %s %s</title></rect>\n",
                        x + 2, y, barWidth - 4, height * f1, color(s), escape(system.name()), escape(groups.get(g)),
                        score(f1), interval(ci)));
                double center = x + barWidth / 2.0;
                double yLow = top + height * (1 - ci.lower());
                double yHigh = top + height * (1 - ci.upper());
                svg.append(String.format(Locale.ROOT,
                        "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"#222\" fill=\"none\"/>\n",
                        center, yLow, yHigh, center - 5, yLow, center + 5, center - 5, yHigh, center + 5));
                svg.append(text(center, Math.min(y, yHigh) - 4, "middle", 9, score(f1)));
            }
        }
        legend(svg, report, left, legendTop);
        return svg.append("</svg>\n").toString();
    }

    private static String costChart(EvaluationReport report) {
        List<SystemResult> measured = report.systems().stream().filter(s -> s.speedCost().isPresent()).toList();
        if (measured.isEmpty()) {
            return "<p>No cost was recorded for any system.</p>\n";
        }
        double minPositive = Double.MAX_VALUE;
        double maxPositive = 0;
        for (SystemResult system : measured) {
            double usd = system.speedCost().get().usdPer1000Notes();
            if (usd > 0) {
                minPositive = Math.min(minPositive, usd);
                maxPositive = Math.max(maxPositive, usd);
            }
        }
        boolean anyPositive = maxPositive > 0;
        int low = anyPositive ? (int) Math.floor(Math.log10(minPositive)) : 0;
        int high = anyPositive ? (int) Math.ceil(Math.log10(maxPositive)) : 1;
        if (high <= low) {
            high = low + 1;
        }
        int left = 50;
        int freeColumn = 80;
        int top = 20;
        int height = 220;
        int plotLeft = left + freeColumn;
        int plotWidth = Math.max(300, 90 * (high - low));
        int width = plotLeft + plotWidth + 200;
        int totalHeight = top + height + 50;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(width).append("\" height=\"").append(totalHeight).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(totalHeight)
                .append("\" role=\"img\" aria-label=\"strict micro F1 against USD per 1000 notes\">\n");
        yAxis(svg, left, top, height, plotLeft + plotWidth);
        svg.append(text(left + freeColumn / 2.0, top + height + 16, "middle", 11, "$0"));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n",
                plotLeft - 10, top, plotLeft - 10, top + height));
        if (anyPositive) {
            for (int e = low; e <= high; e++) {
                double x = plotLeft + plotWidth * (e - low) / (double) (high - low);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n",
                        x, top, x, top + height));
                svg.append(text(x, top + height + 16, "middle", 11,
                        "$" + java.math.BigDecimal.valueOf(Math.pow(10, e)).stripTrailingZeros().toPlainString()));
            }
        } else {
            svg.append(text(plotLeft + plotWidth / 2.0, top + height / 2.0, "middle", 12, "no system costs more than $0"));
        }
        svg.append(text(plotLeft + plotWidth / 2.0, top + height + 36, "middle", 12, "USD per 1,000 notes (log scale)"));
        for (int s = 0; s < report.systems().size(); s++) {
            SystemResult system = report.systems().get(s);
            if (system.speedCost().isEmpty()) {
                continue;
            }
            SpeedCost sc = system.speedCost().get();
            double usd = sc.usdPer1000Notes();
            double x = usd > 0
                    ? plotLeft + plotWidth * (Math.log10(usd) - low) / (high - low)
                    : left + freeColumn / 2.0;
            double f1 = system.scores().micro(MatchMode.STRICT).f1();
            ConfidenceInterval ci = system.intervals().micro().get(MatchMode.STRICT).f1();
            double y = top + height * (1 - f1);
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"%s\"/>\n", x,
                    top + height * (1 - ci.lower()), top + height * (1 - ci.upper()), color(s)));
            svg.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s: F1 %s, $%s per 1,000 notes</title></circle>\n",
                    x, y, color(s), escape(system.name()), score(f1), Formats.number(usd)));
            svg.append(text(x + 8, y + 4, "start", 11, system.name()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void yAxis(StringBuilder svg, int left, int top, int height, int right) {
        for (int i = 0; i <= 5; i++) {
            double value = i / 5.0;
            double y = top + height * (1 - value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                    left, y, right, y, i == 0 ? "#888" : "#e5e5e5"));
            svg.append(text(left - 6, y + 4, "end", 11, String.format(Locale.ROOT, "%.1f", value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %.1f)\">F1 (strict)</text>\n", top + height / 2.0, top + height / 2.0));
    }

    private static void legend(StringBuilder svg, EvaluationReport report, int left, int top) {
        for (int s = 0; s < report.systems().size(); s++) {
            int y = top + 18 * s;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    left, y, color(s)));
            SystemResult system = report.systems().get(s);
            svg.append(text(left + 18, y + 10, "start", 12, system.name() + " (" + system.role() + ")"));
        }
    }

    private static String scoreTable(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th class=\"l\">system</th><th class=\"l\">role</th>"
                + "<th class=\"l\">type</th><th>strict P</th><th>strict R</th><th>strict F1</th><th>strict F1 CI</th>"
                + "<th>lenient P</th><th>lenient R</th><th>lenient F1</th><th>lenient F1 CI</th><th>token F1</th>"
                + "<th>gold</th><th>predicted</th></tr>\n");
        for (SystemResult system : report.systems()) {
            for (EntityType type : system.scores().types()) {
                scoreRow(html, system, type.name(), system.scores().score(MatchMode.STRICT, type),
                        system.scores().score(MatchMode.LENIENT, type),
                        system.intervals().of(MatchMode.STRICT, type).orElseThrow().f1(),
                        system.intervals().of(MatchMode.LENIENT, type).orElseThrow().f1(),
                        system.scores().tokenPerType().get(type));
            }
            scoreRow(html, system, "micro", system.scores().micro(MatchMode.STRICT), system.scores().micro(MatchMode.LENIENT),
                    system.intervals().micro().get(MatchMode.STRICT).f1(),
                    system.intervals().micro().get(MatchMode.LENIENT).f1(), system.scores().tokenMicro());
        }
        return html.append("</table>\n").toString();
    }

    private static void scoreRow(StringBuilder html, SystemResult system, String scope, Score strict, Score lenient,
                                 ConfidenceInterval strictCi, ConfidenceInterval lenientCi, Score tokens) {
        html.append("<tr><td class=\"l\">").append(escape(system.name())).append("</td><td class=\"l\">")
                .append(escape(system.role())).append("</td><td class=\"l\">").append(escape(scope)).append("</td>");
        cells(html, score(strict.precision()), score(strict.recall()), "<b>" + score(strict.f1()) + "</b>", interval(strictCi),
                score(lenient.precision()), score(lenient.recall()), score(lenient.f1()), interval(lenientCi),
                score(tokens.f1()), String.valueOf(strict.gold()), String.valueOf(strict.predicted()));
        html.append("</tr>\n");
    }

    private static String speedTable(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th class=\"l\">system</th><th>notes</th><th>notes/s</th>"
                + "<th>p50 ms</th><th>p95 ms</th><th>input tokens / 1k notes</th><th>output tokens / 1k notes</th>"
                + "<th>USD / 1k notes</th></tr>\n");
        for (SystemResult system : report.systems()) {
            html.append("<tr><td class=\"l\">").append(escape(system.name())).append("</td>");
            if (system.speedCost().isEmpty()) {
                cells(html, "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
            } else {
                SpeedCost sc = system.speedCost().get();
                cells(html, String.valueOf(sc.notes()), optional(sc.notesPerSecond()), optional(sc.latencyP50Millis()),
                        optional(sc.latencyP95Millis()), Formats.number(sc.inputTokensPer1000Notes()),
                        Formats.number(sc.outputTokensPer1000Notes()), Formats.number(sc.usdPer1000Notes()));
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String ratioTable(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th class=\"l\">system</th><th class=\"l\">baseline</th>"
                + "<th>times faster</th><th>times lower p50 latency</th><th>times cheaper</th></tr>\n");
        for (SpeedCostRatio ratio : report.ratios()) {
            html.append("<tr><td class=\"l\">").append(escape(ratio.system())).append("</td><td class=\"l\">")
                    .append(escape(ratio.baseline())).append("</td>");
            cells(html, times(ratio.timesFaster()), times(ratio.timesLowerLatency()), times(ratio.timesCheaper()));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String testTable(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<p>Strict F1; the p-value is for \"A is better than B\".</p>\n<table>\n"
                + "<tr><th class=\"l\">A</th><th class=\"l\">B</th><th class=\"l\">scope</th><th>F1 A</th><th>F1 B</th>"
                + "<th>difference</th><th>p-value</th></tr>\n");
        for (PairedComparison comparison : report.pairedTests()) {
            testRow(html, comparison, "micro", comparison.micro().get(MatchMode.STRICT));
            comparison.perType().get(MatchMode.STRICT).forEach((type, test) -> testRow(html, comparison, type.name(), test));
        }
        return html.append("</table>\n").toString();
    }

    private static void testRow(StringBuilder html, PairedComparison comparison, String scope, PairedTest test) {
        html.append("<tr><td class=\"l\">").append(escape(comparison.systemA())).append("</td><td class=\"l\">")
                .append(escape(comparison.systemB())).append("</td><td class=\"l\">").append(escape(scope)).append("</td>");
        cells(html, score(test.f1A()), score(test.f1B()), score(test.difference()), Formats.pValue(test.pValue()));
        html.append("</tr>\n");
    }

    private static String errors(EvaluationReport report) {
        StringBuilder html = new StringBuilder();
        for (SystemResult system : report.systems()) {
            for (EntityType type : system.errors().types()) {
                for (ErrorKind kind : ErrorKind.values()) {
                    List<ErrorGroup> groups = system.errors().groups(type, kind);
                    String label = kind == ErrorKind.FALSE_POSITIVE ? "false positives" : "false negatives";
                    html.append("<h3>").append(escape(system.name())).append(" &middot; ").append(escape(type.name()))
                            .append(" &middot; ").append(label).append(" (").append(system.errors().count(type, kind))
                            .append(")</h3>\n");
                    if (groups.isEmpty()) {
                        html.append("<p>None.</p>\n");
                        continue;
                    }
                    html.append("<table>\n<tr><th>count</th><th class=\"l\">surface form</th><th class=\"l\">cause (of the example)</th>"
                            + "<th class=\"l\">example</th></tr>\n");
                    groups.stream().limit(report.maxErrorGroups()).forEach(group -> errorRow(html, group));
                    html.append("</table>\n");
                    if (groups.size() > report.maxErrorGroups()) {
                        html.append("<p>").append(groups.size() - report.maxErrorGroups())
                                .append(" less frequent groups not shown.</p>\n");
                    }
                }
            }
        }
        return html.toString();
    }

    private static void errorRow(StringBuilder html, ErrorGroup group) {
        ErrorExample example = group.examples().get(0);
        html.append("<tr><td>").append(group.count()).append("</td><td class=\"l\">").append(escape(group.surfaceForm()))
                .append("</td><td class=\"l\">").append(example.cause().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append("</td><td class=\"ctx\">&hellip;").append(escape(example.leftContext())).append("<mark>")
                .append(escape(example.text())).append("</mark>").append(escape(example.rightContext()))
                .append("&hellip; <small>(").append(escape(example.documentId())).append(")</small></td></tr>\n");
    }

    private static void cells(StringBuilder html, String... values) {
        for (String value : values) {
            html.append("<td>").append(value).append("</td>");
        }
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>\n",
                x, y, size, anchor, escape(content));
    }

    private static String color(int index) {
        return COLORS[index % COLORS.length];
    }

    /** Per system whose predictions carry assertions or concepts: entity counts per status and per concept source. */
    private static String contextTable(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<table>\n<tr><th class=\"l\">system</th>");
        for (String name : ContextSummary.COUNT_NAMES) {
            html.append("<th>").append(name).append("</th>");
        }
        html.append("<th class=\"l\">linked by source</th></tr>\n");
        for (SystemResult system : report.systems()) {
            if (system.context().isEmpty()) {
                continue;
            }
            ContextSummary context = system.context().get();
            html.append("<tr><td class=\"l\">").append(escape(system.name())).append("</td>");
            for (int count : context.counts()) {
                html.append("<td>").append(count).append("</td>");
            }
            html.append("<td class=\"l\">").append(escape(context.linkedBySourceText())).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
