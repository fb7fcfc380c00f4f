package io.github.meddistill.examples.cli;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.ReadNotice;
import io.github.meddistill.core.io.ReadReport;
import io.github.meddistill.core.io.ReadResult;
import io.github.meddistill.core.io.TypeMapping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a corpus for a command: prints what the reader repaired or skipped (counts per kind and the first
 * {@value #EXAMPLES} places, file:line) on standard error, so that no command hides a repair, and rejects a document
 * id that occurs twice, since every command matches documents by id.
 */
final class CorpusInput {

    static final int EXAMPLES = 5;

    private static final Pattern LOCATION = Pattern.compile("(.*):(\\d+)");

    private CorpusInput() {
    }

    /**
     * The documents of {@code path}, read in {@code format}.
     *
     * @throws CorpusFormatException naming file and line of the first repeated document id
     */
    static List<Annotation> read(CorpusFormat format, Path path, PrintWriter err) {
        ReadResult result = format.read(path, TypeMapping.biomedical());
        ReadReport report = result.report();
        if (report.hasNotices()) {
            err.println(describe(report));
            err.flush();
        }
        rejectRepeatedIds(result);
        return result.annotations();
    }

    /** {@code file: 12 documents, 30 entities; repaired or skipped: KIND n, ...} and the first places, one a line. */
    static String describe(ReadReport report) {
        StringBuilder text = new StringBuilder(report.source()).append(": ").append(report.documents())
                .append(" documents, ").append(report.entities()).append(" entities; repaired or skipped:");
        new EnumMap<>(report.counts()).forEach((kind, count) -> text.append(' ').append(kind).append(' ').append(count)
                .append(','));
        text.setLength(text.length() - 1);
        List<ReadNotice> examples = report.examples();
        examples.stream().limit(EXAMPLES).forEach(notice -> text.append("\n  ").append(notice));
        long more = examples.size() - Math.min(EXAMPLES, examples.size()) + report.examplesOmitted();
        if (more > 0) {
            text.append("\n  ... and ").append(more).append(" more");
        }
        return text.toString();
    }

    private static void rejectRepeatedIds(ReadResult result) {
        if (result.report().count(ReadNotice.Kind.DUPLICATE_DOCUMENT_ID) == 0) {
            return;
        }
        String location = result.report().examples().stream()
                .filter(notice -> notice.kind() == ReadNotice.Kind.DUPLICATE_DOCUMENT_ID)
                .findFirst().map(ReadNotice::location).orElse(result.report().source());
        Set<String> seen = new HashSet<>();
        String repeated = result.annotations().stream().map(Annotation::documentId).filter(id -> !seen.add(id))
                .findFirst().orElseThrow();
        Matcher fileAndLine = LOCATION.matcher(location);
        String file = fileAndLine.matches() ? fileAndLine.group(1) : location;
        long line = fileAndLine.matches() ? Long.parseLong(fileAndLine.group(2)) : 0;
        throw new CorpusFormatException(file, line, "id", "a document id used once in the file (commands match"
                + " documents by id; " + result.report().count(ReadNotice.Kind.DUPLICATE_DOCUMENT_ID) + " ids repeat)",
                repeated);
    }
}
