package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelSchemes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllFormatTest {

    private static final String TWO_DOCUMENTS = String.join("\n",
            "-DOCSTART-\tdoc-a", "",
            "Aspirin\tB-Chemical", "causes\tO", "peptic\tB-Disease", "ulcer\tI-Disease", ".\tO", "",
            "No\tO", "pain\tB-Disease", "",
            "-DOCSTART-", "",
            "Fever\tB-Disease", "");

    @TempDir
    Path folder;

    private static ReadResult read(ConllReader reader, String content) {
        return reader.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "corpus.tsv").readAll();
    }

    private static ReadResult read(String content) {
        return read(ConllReader.builder().typeMapping(TypeMapping.biomedical()).build(), content);
    }

    @Test
    void should_rebuild_text_and_offsets_from_tokens_when_reading_documents() {
        ReadResult result = read(TWO_DOCUMENTS);

        assertThat(result.annotations()).hasSize(2);
        Annotation first = result.annotations().get(0);
        String text = "Aspirin causes peptic ulcer .\nNo pain";
        assertThat(first.documentId()).isEqualTo("doc-a");
        assertThat(first.document().text()).isEqualTo(text);
        assertThat(first.entities()).containsExactly(Entity.of(text, 0, 7, EntityType.MEDICATION),
                Entity.of(text, 15, 27, EntityType.DISEASE), Entity.of(text, 33, 37, EntityType.DISEASE));
        Annotation second = result.annotations().get(1);
        assertThat(second.documentId()).isEqualTo("corpus-2");
        assertThat(second.entities()).extracting(Entity::text).containsExactly("Fever");
    }

    @Test
    void should_make_a_document_per_sentence_when_grouping_by_sentence() {
        ReadResult result = read(ConllReader.builder().grouping(ConllReader.Grouping.SENTENCE).build(), TWO_DOCUMENTS);

        assertThat(result.annotations()).extracting(a -> a.document().text())
                .containsExactly("Aspirin causes peptic ulcer .", "No pain", "Fever");
        assertThat(result.annotations()).extracting(Annotation::documentId)
                .containsExactly("corpus-1", "corpus-2", "corpus-3");
        assertThat(result.annotations().get(0).entities()).extracting(Entity::type)
                .containsExactly(EntityType.of("Chemical"), EntityType.DISEASE);
    }

    @Test
    void should_repair_and_report_when_tags_follow_iob1() {
        String iob1 = "fever\tI-SYMPTOM\ncough\tB-SYMPTOM\nand\tO\nchest\tI-SYMPTOM\npain\tI-SYMPTOM\n";

        ReadResult result = read(iob1);

        assertThat(result.annotations().get(0).entities()).extracting(Entity::text)
                .containsExactly("fever", "cough", "chest pain");
        assertThat(result.report().count(ReadNotice.Kind.TAG_SEQUENCE_REPAIRED)).isEqualTo(1);
    }

    @Test
    void should_read_bilou_files_when_scheme_is_bilou() {
        String bilou = "chest\tB-SYMPTOM\npain\tL-SYMPTOM\nand\tO\nfever\tU-SYMPTOM\n";

        ReadResult result = read(ConllReader.builder().scheme(LabelSchemes.BILOU).build(), bilou);

        assertThat(result.annotations().get(0).entities()).extracting(Entity::text).containsExactly("chest pain", "fever");
        assertThat(result.report().hasNotices()).isFalse();
    }

    @Test
    void should_take_token_and_tag_from_configured_columns_when_file_has_more_columns() {
        String conll2003 = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n";

        ReadResult result = read(ConllReader.builder().tagColumn(3).columnSeparator(Pattern.compile(" ")).build(),
                conll2003);

        Annotation annotation = result.annotations().get(0);
        assertThat(annotation.documentId()).isEqualTo("corpus-1");
        assertThat(annotation.document().text()).isEqualTo("EU rejects");
        assertThat(annotation.entities()).containsExactly(Entity.of("EU rejects", 0, 2, EntityType.of("ORG")));
    }

    @Test
    void should_name_line_field_and_tag_when_a_tag_is_unknown() {
        String bad = "fever\tB-SYMPTOM\ncough\tE-SYMPTOM\n";

        assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("corpus.tsv");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("tag");
            assertThat(e.actual()).isEqualTo("E-SYMPTOM");
            assertThat(e.expected()).contains("BIO");
        });
        assertThatThrownBy(() -> read("fever\tSYMPTOM\n")).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> assertThat(e.actual()).isEqualTo("SYMPTOM"));
        assertThatThrownBy(() -> read("fever\tB-\n")).isInstanceOf(CorpusFormatException.class);
    }

    @Test
    void should_name_the_expected_columns_when_a_line_has_too_few() {
        assertThatThrownBy(() -> read("fever\tB-SYMPTOM\ncough\n")).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("columns");
                    assertThat(e.actual()).isEqualTo("cough");
                });
        ConllReader thirdColumn = ConllReader.builder().tagColumn(2).build();
        assertThatThrownBy(() -> read(thirdColumn, "fever\tNN\tB-SYMPTOM\ncough\tNN\n"))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> assertThat(e.expected()).contains("3 columns"));
    }

    @Test
    void should_fail_when_the_file_is_empty_or_blank() {
        assertThatThrownBy(() -> read("")).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("at least one document");
        assertThatThrownBy(() -> read("\n \n")).isInstanceOf(CorpusFormatException.class);
    }

    @Test
    void should_read_identically_when_file_has_crlf_and_bom() {
        String windows = "\uFEFF" + TWO_DOCUMENTS.replace("\n", "\r\n");

        assertThat(read(windows).annotations()).isEqualTo(read(TWO_DOCUMENTS).annotations());
    }

    @Test
    void should_fail_clearly_when_bytes_are_not_utf8() {
        byte[] bytes = "fever\tO\nna\u00efve\tO\n".getBytes(StandardCharsets.ISO_8859_1);
        ConllReader reader = ConllReader.builder().build();

        assertThatThrownBy(() -> reader.open(new ByteArrayInputStream(bytes), "latin1.tsv").readAll())
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("encoding");
                });
    }

    @Test
    void should_read_back_the_same_annotations_when_round_tripping_tokenized_text() {
        String first = "Aspirin causes peptic ulcer .\nNo chest pain";
        String second = "beta - blocker for HIV / AIDS";
        List<Annotation> annotations = List.of(
                new Annotation(new Document("d1", first), List.of(Entity.of(first, 0, 7, EntityType.MEDICATION),
                        Entity.of(first, 15, 27, EntityType.DISEASE), Entity.of(first, 33, 43, EntityType.SYMPTOM)), "gold"),
                new Annotation(new Document("d2", second), List.of(Entity.of(second, 0, 14, EntityType.MEDICATION),
                        Entity.of(second, 19, 22, EntityType.DISEASE), Entity.of(second, 25, 29, EntityType.DISEASE)),
                        "gold"));
        Path file = folder.resolve("round.tsv");

        WriteReport written = ConllWriter.builder().build().write(file, annotations);
        ReadResult result = ConllReader.builder().build().read(file);

        assertThat(written.entitiesChanged()).isZero();
        assertThat(result.annotations()).isEqualTo(annotations);
    }

    @Test
    void should_keep_entity_texts_and_report_changes_when_writing_raw_clinical_text() {
        String text = "Metformin 500mg b.i.d.\nfor type 2 diabetes";
        Annotation raw = new Annotation(new Document("n1", text), List.of(Entity.of(text, 0, 9, EntityType.MEDICATION),
                Entity.of(text, 27, 42, EntityType.DISEASE), Entity.of(text, 2, 5, EntityType.of("PART"))), "gold");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        WriteReport written;
        try (AnnotationWriter writer = ConllWriter.builder().build().open(bytes, "mem")) {
            writer.write(raw);
            written = writer.report();
        }
        String conll = bytes.toString(StandardCharsets.UTF_8);
        ReadResult back = read(ConllReader.builder().build(), conll);

        assertThat(conll).startsWith("-DOCSTART-\tn1\n\nMetformin\tB-MEDICATION\n500\tO\nmg\tO\nb.i.d.\tO\n\nfor\tO\n");
        assertThat(written.entities()).isEqualTo(2);
        assertThat(written.entitiesChanged()).isEqualTo(1);
        assertThat(back.annotations().get(0).entities()).extracting(Entity::text)
                .containsExactly("Metformin", "type 2 diabetes");
    }

    @Test
    void should_omit_document_markers_when_disabled() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AnnotationWriter writer = ConllWriter.builder().documentMarkers(false).build().open(bytes, "mem")) {
            writer.write(new Annotation(new Document("a", "fever"), List.of(), "gold"));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("fever\tO\n\n");
    }

    @Test
    void should_name_the_option_when_builder_values_are_invalid() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConllReader.builder().tokenColumn(-1).build())
                .withMessageContaining("tokenColumn");
        assertThatIllegalArgumentException().isThrownBy(() -> ConllReader.builder().tagColumn(0).build())
                .withMessageContaining("tagColumn");
        assertThatIllegalArgumentException().isThrownBy(() -> ConllReader.builder().source(" ").build())
                .withMessageContaining("source");
    }

    @Test
    void should_stream_when_reading_a_file() throws Exception {
        Path file = folder.resolve("stream.tsv");
        Files.writeString(file, TWO_DOCUMENTS);
        try (AnnotationReader reader = ConllReader.builder().build().open(file)) {
            assertThat(reader.next().documentId()).isEqualTo("doc-a");
            assertThat(reader.report().documents()).isEqualTo(1);
        }
    }

    @Test
    void should_refuse_tokens_with_whitespace_when_a_custom_tokenizer_returns_them() {
        ConllWriter whole = ConllWriter.builder()
                .tokenizer(text -> List.of(new io.github.meddistill.core.text.Token(text, 0, text.length()))).build();
        Annotation note = new Annotation(new Document("a", "chest pain"), List.of(), "gold");

        try (AnnotationWriter writer = whole.open(new ByteArrayOutputStream(), "mem")) {
            assertThatIllegalArgumentException().isThrownBy(() -> writer.write(note))
                    .withMessageContaining("document a, token at [0, 10)");
        }
    }
}
