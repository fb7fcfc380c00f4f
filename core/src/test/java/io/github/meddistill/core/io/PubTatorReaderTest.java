package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubTatorReaderTest {

    private static final String DOCUMENT = String.join("\n",
            "123|t|Aspirin and asthma.",
            "123|a|Aspirin-induced asthma is rare.",
            "123\t0\t7\tAspirin\tChemical\tD001241",
            "123\t12\t18\tasthma\tDisease\tD001249",
            "123\t36\t42\tasthma\tSpecificDisease\tD001249\tasthma",
            "123\tCID\tD001241\tD001249",
            "");

    @TempDir
    Path folder;

    private final PubTatorReader reader = PubTatorReader.builder().build();

    private ReadResult read(String content) {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    private ReadResult read(byte[] content) {
        return reader.open(new ByteArrayInputStream(content), "test.pubtator").readAll();
    }

    @Test
    void should_read_title_abstract_and_mentions_when_document_is_well_formed() {
        ReadResult result = read(DOCUMENT + "\n456|t|No mentions here.\n456|a|\n");

        assertThat(result.annotations()).hasSize(2);
        Annotation first = result.annotations().get(0);
        assertThat(first.document().text()).isEqualTo("Aspirin and asthma. Aspirin-induced asthma is rare.");
        assertThat(first.document().metadata()).containsEntry(PubTatorReader.TITLE_LENGTH, "19");
        assertThat(first.entities()).containsExactly(Entity.of(first.document().text(), 0, 7, EntityType.MEDICATION),
                Entity.of(first.document().text(), 12, 18, EntityType.DISEASE),
                Entity.of(first.document().text(), 36, 42, EntityType.DISEASE));
        assertThat(first.source()).isEqualTo(Annotation.GOLD);
        assertThat(result.annotations().get(1).document().text()).isEqualTo("No mentions here. ");
        assertThat(result.report().count(ReadNotice.Kind.RELATION_SKIPPED)).isEqualTo(1);
        assertThat(result.report().examples()).extracting(ReadNotice::location).containsExactly("test.pubtator:6");
    }

    @Test
    void should_read_identically_when_file_has_crlf_line_ends_and_a_bom() {
        byte[] crlf = DOCUMENT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[crlf.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(crlf, 0, withBom, 3, crlf.length);

        assertThat(read(withBom).annotations()).isEqualTo(read(DOCUMENT).annotations());
    }

    @Test
    void should_name_file_line_and_field_when_an_offset_is_not_a_number() {
        String bad = DOCUMENT.replace("123\t12\t18", "123\t12\tx18");

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("test.pubtator");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("end");
            assertThat(e.actual()).isEqualTo("x18");
            assertThat(e).hasMessage("test.pubtator:4: field 'end': expected a non-negative integer character offset,"
                    + " but was 'x18'");
        });
    }

    @Test
    void should_fail_with_expected_columns_when_a_line_is_malformed() {
        String bad = DOCUMENT.replace("123\t0\t7\tAspirin\tChemical\tD001241", "123\t0\t7");

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("columns");
            assertThat(e.getMessage()).contains("PMID<TAB>start<TAB>end<TAB>text<TAB>type");
        });
    }

    @Test
    void should_fail_when_offsets_lie_outside_the_text() {
        String bad = DOCUMENT.replace("123\t36\t42", "123\t36\t420");

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("end");
            assertThat(e.expected()).contains("51");
        });
    }

    @Test
    void should_fail_when_mention_text_differs_from_the_text_at_its_offsets() {
        String bad = DOCUMENT.replace("123\t12\t18\tasthma", "123\t12\t18\tasthmo");

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("mention");
            assertThat(e.actual()).isEqualTo("asthmo");
            assertThat(e.expected()).contains("'asthma'");
        });
    }

    @Test
    void should_accept_and_report_when_mention_text_differs_only_by_surrounding_whitespace() {
        ReadResult result = read(DOCUMENT.replace("123\t12\t18\tasthma", "123\t12\t18\tasthma  "));

        assertThat(result.report().count(ReadNotice.Kind.MENTION_TEXT_WHITESPACE)).isEqualTo(1);
        assertThat(result.annotations().get(0).entities()).hasSize(3);
    }

    @Test
    void should_fail_when_a_mention_belongs_to_another_document() {
        String bad = DOCUMENT.replace("123\t0\t7", "124\t0\t7");

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.field()).isEqualTo("PMID");
            assertThat(e.actual()).isEqualTo("124");
        });
    }

    @Test
    void should_fail_when_the_file_is_empty() {
        assertThatThrownBy(() -> read("")).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isZero();
            assertThat(e.expected()).isEqualTo("at least one document");
        });
        assertThatThrownBy(() -> read("\n\n")).isInstanceOf(CorpusFormatException.class);
    }

    @Test
    void should_fail_clearly_when_the_file_is_not_utf8() {
        byte[] latin1 = DOCUMENT.replace("rare", "rar\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(latin1)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("encoding");
            assertThat(e.actual()).startsWith("byte 0xE9 at byte offset");
        });
    }

    @Test
    void should_skip_and_count_unmapped_types_when_mapping_says_skip() {
        PubTatorReader onlyChemicals = PubTatorReader.builder()
                .typeMapping(TypeMapping.builder().map("Chemical", EntityType.MEDICATION)
                        .unmapped(TypeMapping.Unmapped.SKIP).build())
                .source("bc5cdr").build();

        ReadResult result = onlyChemicals.open(new ByteArrayInputStream(DOCUMENT.getBytes(StandardCharsets.UTF_8)),
                "x").readAll();

        assertThat(result.annotations().get(0).entities()).extracting(Entity::type).containsExactly(EntityType.MEDICATION);
        assertThat(result.annotations().get(0).source()).isEqualTo("bc5cdr");
        assertThat(result.report().count(ReadNotice.Kind.UNMAPPED_TYPE_SKIPPED)).isEqualTo(2);
    }

    @Test
    void should_fail_naming_the_label_when_mapping_says_fail() {
        PubTatorReader strict = PubTatorReader.builder()
                .typeMapping(TypeMapping.builder().map("Chemical", EntityType.MEDICATION)
                        .unmapped(TypeMapping.Unmapped.FAIL).build()).build();

        assertThatThrownBy(() -> strict.open(new ByteArrayInputStream(DOCUMENT.getBytes(StandardCharsets.UTF_8)), "x")
                .readAll()).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.actual()).isEqualTo("Disease");
                });
    }

    @Test
    void should_stream_documents_one_at_a_time_when_opened_from_a_file() throws Exception {
        Path file = folder.resolve("corpus.txt");
        Files.writeString(file, DOCUMENT + "\n" + DOCUMENT.replace("123", "124"));

        try (AnnotationReader stream = reader.open(file)) {
            assertThat(stream.hasNext()).isTrue();
            assertThat(stream.next().documentId()).isEqualTo("123");
            assertThat(stream.report().documents()).isEqualTo(1);
            assertThat(stream.stream().map(Annotation::documentId).toList()).isEqualTo(List.of("124"));
        }
    }

    @Test
    void should_throw_io_error_naming_the_file_when_it_does_not_exist() {
        Path missing = folder.resolve("missing.txt");
        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(CorpusIoException.class)
                .hasMessageContaining(missing.toString());
    }
}
