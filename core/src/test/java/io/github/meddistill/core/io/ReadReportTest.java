package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.io.internal.ReportCollector;
import org.junit.jupiter.api.Test;

class ReadReportTest {

    @Test
    void should_count_every_notice_but_keep_only_the_first_examples_when_there_are_many() {
        ReportCollector collector = new ReportCollector("big.txt");
        for (int i = 0; i < ReadReport.MAX_EXAMPLES + 25; i++) {
            collector.notice(ReadNotice.Kind.RELATION_SKIPPED, "big.txt:" + i, "document " + i);
        }

        ReadReport report = collector.report();

        assertThat(report.count(ReadNotice.Kind.RELATION_SKIPPED)).isEqualTo(ReadReport.MAX_EXAMPLES + 25);
        assertThat(report.examples()).hasSize(ReadReport.MAX_EXAMPLES);
        assertThat(report.examplesOmitted()).isEqualTo(25);
        assertThat(report.count(ReadNotice.Kind.DUPLICATE_ENTITY)).isZero();
        assertThat(report.summary()).isEqualTo("big.txt: 0 documents, 0 entities, RELATION_SKIPPED=125");
    }

    @Test
    void should_shorten_long_values_in_messages_but_keep_them_whole_in_the_field() {
        String longValue = "x".repeat(500);
        CorpusFormatException e = new CorpusFormatException("f.txt", 3, "text", "something", longValue);

        assertThat(e.getMessage()).hasSizeLessThan(200).contains("(500 chars)");
        assertThat(e.actual()).isEqualTo(longValue);
    }
}
