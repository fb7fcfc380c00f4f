package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.ReadNotice;

/** Checks a mention's stated text against the document text at its offsets. */
public final class Mentions {

    private Mentions() {
    }

    /**
     * Accepts {@code stated} if it equals {@code text[start, end)}; if it differs only by surrounding
     * whitespace (NCBI-disease train, PMID 10923035, has two trailing spaces) the offsets win and a
     * {@link ReadNotice.Kind#MENTION_TEXT_WHITESPACE} notice is recorded; anything else fails.
     */
    public static void check(String text, int start, int end, String stated, ReportCollector report, String source,
                             long line, String field, String documentId) {
        String covered = text.substring(start, end);
        if (covered.equals(stated)) {
            return;
        }
        if (covered.strip().equals(stated.strip())) {
            report.notice(ReadNotice.Kind.MENTION_TEXT_WHITESPACE, source + ":" + line,
                    "document " + documentId + " [" + start + ", " + end + ")");
            return;
        }
        throw new CorpusFormatException(source, line, field,
                "the document text at [" + start + ", " + end + "), '" + shorten(covered) + "'", stated);
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
