package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SharedData;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Chia (brat standoff in a zip), counted independently of this reader from the .ann files. */
class BratSharedDataTest {

    @Test
    void should_read_every_chia_document_and_report_what_it_handled_when_reading_the_zip() throws Exception {
        Path zip = SharedData.file("chia/chia_without_scope.zip");
        TypeMapping mapping = TypeMapping.builder().map("Condition", EntityType.DISEASE).map("Drug", EntityType.MEDICATION)
                .unmapped(TypeMapping.Unmapped.SKIP).build();

        ReadResult result;
        try (FileSystem files = FileSystems.newFileSystem(zip)) {
            result = BratReader.builder().typeMapping(mapping).build().read(files.getPath("/chia_without_scope"));
        }

        ReadReport report = result.report();
        assertThat(result.annotations()).hasSize(2000);
        // README: Drug 3,801 and Condition 12,039 mentions; 62 repeat a span and type already annotated in their file.
        assertThat(count(result, EntityType.MEDICATION)).isEqualTo(3790);
        assertThat(count(result, EntityType.DISEASE)).isEqualTo(11988);
        assertThat(report.count(ReadNotice.Kind.DUPLICATE_ENTITY)).isEqualTo(3801 + 12039 - 3790 - 11988);
        // README: discontinuous mentions Condition 898, Drug 89
        assertThat(report.count(ReadNotice.Kind.DISCONTINUOUS_SPANNED)).isEqualTo(898 + 89);
        assertThat(report.count(ReadNotice.Kind.MENTION_TEXT_CUT_AT_LINE_BREAK)).isEqualTo(1);
        assertThat(report.count(ReadNotice.Kind.UNMAPPED_TYPE_SKIPPED)).isPositive();
        assertThat(result.toCorpus("chia").size()).isEqualTo(2000);
    }

    private static long count(ReadResult result, EntityType type) {
        return result.annotations().stream().flatMap(a -> a.entities().stream()).filter(e -> e.type().equals(type))
                .count();
    }
}
