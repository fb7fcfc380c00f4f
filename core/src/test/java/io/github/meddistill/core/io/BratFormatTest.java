package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BratFormatTest {

    private static final String CRITERIA = "History of breast or ovarian cancer.\nNo metformin use.";

    @TempDir
    Path folder;

    private void write(String id, String text, String ann) throws IOException {
        Files.writeString(folder.resolve(id + ".txt"), text, StandardCharsets.UTF_8);
        if (ann != null) {
            Files.writeString(folder.resolve(id + ".ann"), ann, StandardCharsets.UTF_8);
        }
    }

    private static String annotations() {
        return String.join("\n",
                "T1\tCondition 11 17;29 35\tbreast cancer",
                "T2\tCondition 21 35\tovarian cancer",
                "T3\tDrug 40 49\tmetformin",
                "T4\tCondition 21 28\tovarian",
                "R1\tHas_scope Arg1:T1 Arg2:T3",
                "A1\tNegated T3",
                "#1\tAnnotatorNotes T3\tchecked",
                "N1\tReference T3 RxNorm:6809\tmetformin",
                "");
    }

    private ReadResult read(BratReader.Discontinuous policy) {
        TypeMapping mapping = TypeMapping.builder().map("Condition", EntityType.DISEASE)
                .map("Drug", EntityType.MEDICATION).build();
        return BratReader.builder().typeMapping(mapping).discontinuous(policy).build().read(folder);
    }

    @Test
    void should_span_discontinuous_and_keep_overlapping_entities_when_reading_with_defaults() throws IOException {
        write("NCT001", CRITERIA, annotations());

        ReadResult result = read(BratReader.Discontinuous.SPAN);

        Annotation annotation = result.annotations().get(0);
        assertThat(annotation.documentId()).isEqualTo("NCT001");
        assertThat(annotation.entities()).containsExactly(Entity.of(CRITERIA, 11, 35, EntityType.DISEASE),
                Entity.of(CRITERIA, 21, 35, EntityType.DISEASE), Entity.of(CRITERIA, 21, 28, EntityType.DISEASE),
                Entity.of(CRITERIA, 40, 49, EntityType.MEDICATION));
        ReadReport report = result.report();
        assertThat(report.count(ReadNotice.Kind.DISCONTINUOUS_SPANNED)).isEqualTo(1);
        assertThat(report.count(ReadNotice.Kind.OVERLAPPING_ENTITIES)).isEqualTo(2);
        assertThat(report.count(ReadNotice.Kind.NON_ENTITY_ANNOTATION_SKIPPED)).isEqualTo(4);
        assertThat(report.summary()).contains("1 documents, 4 entities").doesNotContain("metformin");
    }

    @Test
    void should_split_or_skip_discontinuous_entities_when_policy_says_so() throws IOException {
        write("NCT001", CRITERIA, annotations());

        ReadResult split = read(BratReader.Discontinuous.FRAGMENTS);
        ReadResult skipped = read(BratReader.Discontinuous.SKIP);

        assertThat(split.annotations().get(0).entities()).extracting(Entity::text)
                .containsExactly("breast", "ovarian cancer", "ovarian", "cancer", "metformin");
        assertThat(split.report().count(ReadNotice.Kind.DISCONTINUOUS_SPLIT)).isEqualTo(1);
        assertThat(skipped.annotations().get(0).entities()).extracting(Entity::text)
                .containsExactly("ovarian cancer", "ovarian", "metformin");
        assertThat(skipped.report().count(ReadNotice.Kind.DISCONTINUOUS_SKIPPED)).isEqualTo(1);
    }

    @Test
    void should_read_back_exactly_what_was_written_when_round_tripping() {
        String multiline = "Pain 😀 in chest\r\nwall, on aspirin";
        String plain = "Fever and cough.";
        List<Annotation> annotations = List.of(
                new Annotation(new Document("a-1", multiline), List.of(Entity.of(multiline, 0, 4, EntityType.SYMPTOM),
                        Entity.of(multiline, 11, 22, EntityType.SYMPTOM),
                        Entity.of(multiline, multiline.length() - 7, multiline.length(), EntityType.MEDICATION)), "gold"),
                new Annotation(new Document("b.2", plain), List.of(Entity.of(plain, 0, 5, EntityType.SYMPTOM),
                        Entity.of(plain, 10, 15, EntityType.SYMPTOM)), "gold"),
                new Annotation(new Document("c", ""), List.of(), "gold"));

        WriteReport written = BratWriter.write(folder, annotations);
        ReadResult result = BratReader.builder().build().read(folder);

        assertThat(written.documents()).isEqualTo(3);
        assertThat(written.entitiesChanged()).isZero();
        assertThat(result.annotations()).isEqualTo(annotations);
        assertThat(result.report().count(ReadNotice.Kind.DISCONTINUOUS_SPANNED)).isEqualTo(1);
    }

    @Test
    void should_write_code_point_offsets_and_line_fragments_when_text_needs_them() throws IOException {
        String text = "😀 chest\npain";
        BratWriter.write(folder, List.of(new Annotation(new Document("x", text),
                List.of(Entity.of(text, 3, text.length(), EntityType.SYMPTOM)), "gold")));

        assertThat(Files.readString(folder.resolve("x.ann"))).isEqualTo("T1\tSYMPTOM 2 7;8 12\tchest pain\n");
    }

    @Test
    void should_reject_document_ids_that_are_not_safe_file_names_when_writing() {
        Annotation unsafe = new Annotation(new Document("../etc/passwd", "x"), List.of(), "gold");
        try (BratWriter writer = BratWriter.open(folder)) {
            assertThatIllegalArgumentException().isThrownBy(() -> writer.write(unsafe)).withMessageContaining("../etc");
        }
    }

    @Test
    void should_read_a_document_without_entities_and_report_it_when_ann_file_is_missing() throws IOException {
        write("lonely", "Just text.", null);

        ReadResult result = BratReader.builder().build().read(folder.resolve("lonely.txt"));

        assertThat(result.annotations().get(0).entities()).isEmpty();
        assertThat(result.report().count(ReadNotice.Kind.MISSING_ANNOTATION_FILE)).isEqualTo(1);
    }

    @Test
    void should_name_file_line_and_field_when_annotation_text_does_not_match() throws IOException {
        write("d", CRITERIA, "T1\tDrug 40 49\tmetformin\nT2\tDrug 40 49\tmetoprolol\n");

        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.file()).endsWith("d.ann");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("text");
                    assertThat(e.actual()).isEqualTo("metoprolol");
                });
    }

    @Test
    void should_fail_when_offsets_lie_outside_the_text() throws IOException {
        write("d", "short", "T1\tDrug 2 60\tort\n");

        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("offsets");
                    assertThat(e.expected()).contains("<= 5");
                    assertThat(e.actual()).isEqualTo("2 60");
                });
    }

    @Test
    void should_describe_the_expected_line_when_a_line_is_malformed() throws IOException {
        write("d", CRITERIA, "T1\tDrug 40-49\tmetformin\n");
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("offsets");
                    assertThat(e.expected()).contains("'<start> <end>' pairs");
                });

        write("d", CRITERIA, "T1\tDrug 40 49\n");
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> assertThat(e.field()).isEqualTo("columns"));

        write("d", CRITERIA, "X1\tDrug 40 49\tmetformin\n");
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> assertThat(e.field()).isEqualTo("annotation id"));

        write("d", CRITERIA, "T1\tDrug 40 49\tmetformin\nT1\tDrug 40 49\tmetformin\n");
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("annotation id");
                });
    }

    @Test
    void should_fail_when_folder_has_no_documents() {
        assertThatThrownBy(() -> BratReader.builder().build().read(folder)).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("expected brat documents").hasMessageContaining("an empty folder");
    }

    @Test
    void should_keep_crlf_in_text_and_accept_crlf_ann_when_files_come_from_windows() throws IOException {
        String text = "Pain\r\nfever";
        write("w", text, "T1\tSymptom 6 11\tfever\r\n");

        Annotation annotation = BratReader.builder().build().read(folder).annotations().get(0);

        assertThat(annotation.document().text()).isEqualTo(text);
        assertThat(annotation.entities()).containsExactly(Entity.of(text, 6, 11, EntityType.SYMPTOM));
    }

    @Test
    void should_drop_the_bom_and_shift_offsets_when_text_file_starts_with_one() throws IOException {
        write("b", "\uFEFFPain and fever", "\uFEFFT1\tSymptom 10 15\tfever\n");

        Annotation annotation = BratReader.builder().build().read(folder).annotations().get(0);

        assertThat(annotation.document().text()).isEqualTo("Pain and fever");
        assertThat(annotation.entities()).containsExactly(Entity.of("Pain and fever", 9, 14, EntityType.SYMPTOM));
    }

    @Test
    void should_fail_clearly_when_text_or_ann_is_not_utf8() throws IOException {
        Files.write(folder.resolve("l.txt"), "line one\ncaf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.file()).endsWith("l.txt");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.actual()).isEqualTo("byte 0xE9 at byte offset 12");
                });

        Files.writeString(folder.resolve("l.txt"), "cafe");
        Files.write(folder.resolve("l.ann"), "T1\tPlace 0 4\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BratReader.builder().build().read(folder))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.file()).endsWith("l.ann");
                    assertThat(e.field()).isEqualTo("encoding");
                });
    }

    @Test
    void should_fail_with_io_error_when_path_is_neither_folder_nor_text_file() {
        assertThatThrownBy(() -> BratReader.builder().build().read(folder.resolve("nothing.ann")))
                .isInstanceOf(CorpusIoException.class).hasMessageContaining("nothing.ann");
    }

    @Test
    void should_accept_and_report_stated_text_cut_at_a_line_break_when_written_by_brat() throws IOException {
        String text = "Men aged 18-60.\r\nPrimary depression";
        write("c", text, "T1\tCondition 0 16;17 35\tMen aged 18-60.\n");

        ReadResult result = BratReader.builder().build().read(folder);

        assertThat(result.annotations().get(0).entities()).containsExactly(Entity.of(text, 0, 35, EntityType.of("CONDITION")));
        assertThat(result.report().count(ReadNotice.Kind.MENTION_TEXT_CUT_AT_LINE_BREAK)).isEqualTo(1);
    }

    @Test
    void should_skip_and_count_mismatched_entities_when_asked_to_skip_them() throws IOException {
        write("d", CRITERIA, "T1\tDrug 40 49\tmetformin\nT2\tDrug 40 49\tmetoprolol\nT3\tCondition 11 17\tbreast\n");

        ReadResult result = BratReader.builder().skipMismatchedText(true).build().read(folder);

        assertThat(result.annotations().get(0).entities()).extracting(Entity::text).containsExactly("breast", "metformin");
        assertThat(result.report().count(ReadNotice.Kind.MENTION_TEXT_MISMATCH_SKIPPED)).isEqualTo(1);
    }

    @Test
    void should_not_check_the_text_of_entities_when_their_label_is_skipped() throws IOException {
        write("d", CRITERIA, "T1\tDrug 40 49\tmetformin\nT2\tVisit 40 49\tsomething else\n");
        TypeMapping drugsOnly = TypeMapping.builder().map("Drug", EntityType.MEDICATION)
                .unmapped(TypeMapping.Unmapped.SKIP).build();

        ReadResult result = BratReader.builder().typeMapping(drugsOnly).build().read(folder);

        assertThat(result.annotations().get(0).entities()).extracting(Entity::text).containsExactly("metformin");
        assertThat(result.report().count(ReadNotice.Kind.UNMAPPED_TYPE_SKIPPED)).isEqualTo(1);
    }
}
