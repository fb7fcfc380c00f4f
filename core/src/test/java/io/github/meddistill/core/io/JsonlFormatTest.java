package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFormatTest {

    @TempDir
    Path folder;

    private final JsonlReader reader = JsonlReader.builder().build();

    private ReadResult read(String content) {
        return reader.open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "in.jsonl").readAll();
    }

    private static Annotation note(String id, String text, String source, Map<String, String> metadata,
                                   Object... spans) {
        Document document = new Document(id, text, metadata);
        List<Entity> entities = new java.util.ArrayList<>();
        for (int i = 0; i < spans.length; i += 3) {
            entities.add(Entity.of(text, (Integer) spans[i], (Integer) spans[i + 1], (EntityType) spans[i + 2]));
        }
        return new Annotation(document, entities, source);
    }

    @Test
    void should_read_back_exactly_what_was_written_when_round_tripping() {
        String emoji = "Pain 😀 after metformin\r\nand naïve \u00A0 HIV/AIDS";
        List<Annotation> annotations = List.of(
                note("n1", "Started metformin for type 2 diabetes.", "gold", Map.of("split", "train", "section", "HPI"),
                        8, 17, EntityType.MEDICATION, 22, 37, EntityType.DISEASE),
                note("n 2/ü", emoji, "gpt-4o", Map.of(), 0, 4, EntityType.SYMPTOM, 14, 23, EntityType.MEDICATION,
                        emoji.indexOf("HIV"), emoji.length(), EntityType.of("condition")),
                note("n3", "", "gold", Map.of()));
        Path file = folder.resolve("corpus.jsonl");

        WriteReport written = JsonlWriter.write(file, annotations);
        ReadResult result = reader.read(file);

        assertThat(written.documents()).isEqualTo(3);
        assertThat(written.entities()).isEqualTo(5);
        assertThat(result.annotations()).isEqualTo(annotations);
        assertThat(result.report().hasNotices()).isFalse();
    }

    @Test
    void should_count_offsets_in_code_points_when_text_has_supplementary_characters() {
        String text = "😀 fever";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonlWriter writer = JsonlWriter.open(bytes, "mem")) {
            writer.write(note("e", text, "gold", Map.of(), 3, 8, EntityType.SYMPTOM));
        }

        String line = bytes.toString(StandardCharsets.UTF_8);

        assertThat(line).contains("\"start\":2,\"end\":7").endsWith("}\n");
        assertThat(read(line).annotations().get(0).entities().get(0).text()).isEqualTo("fever");
    }

    @Test
    void should_default_entities_metadata_and_source_when_optional_fields_are_absent() {
        ReadResult result = read("{\"id\":\"a\",\"text\":\"no labels\",\"extra\":1}\n\n");

        Annotation annotation = result.annotations().get(0);
        assertThat(annotation.entities()).isEmpty();
        assertThat(annotation.document().metadata()).isEmpty();
        assertThat(annotation.source()).isEqualTo(Annotation.GOLD);
    }

    @Test
    void should_name_line_and_field_when_json_is_malformed() {
        String content = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n";

        assertThatThrownBy(() -> read(content)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("in.jsonl");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("line");
            assertThat(e.expected()).isEqualTo("one JSON object");
        });
    }

    @Test
    void should_name_the_field_when_a_required_field_is_missing_or_mistyped() {
        assertThatThrownBy(() -> read("{\"text\":\"x\"}")).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> assertThat(e).hasMessage("in.jsonl:1: field 'id': expected a string, but was nothing"));
        assertThatThrownBy(() -> read("{\"id\":7,\"text\":\"x\"}")).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> assertThat(e.actual()).isEqualTo("ARRAY"));
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"text\":\"x\",\"entities\":[{\"start\":\"0\",\"end\":1,\"type\":\"D\"}]}"))
                .isInstanceOfSatisfying(CorpusFormatException.class,
                        e -> assertThat(e.field()).isEqualTo("entities[0].start"));
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"text\":\"x\",\"metadata\":{\"k\":1}}"))
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> assertThat(e.field()).isEqualTo("metadata.k"));
    }

    @Test
    void should_fail_when_entity_offsets_lie_outside_the_text() {
        String line = "{\"id\":\"a\",\"text\":\"fever\",\"entities\":[{\"start\":0,\"end\":9,\"type\":\"SYMPTOM\"}]}";

        assertThatThrownBy(() -> read(line)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.field()).isEqualTo("entities[0].end");
            assertThat(e.actual()).isEqualTo("9");
            assertThat(e.expected()).contains("(0, 5]");
        });
    }

    @Test
    void should_fail_when_entity_text_does_not_match_the_document() {
        String line = "{\"id\":\"a\",\"text\":\"fever\",\"entities\":[{\"start\":0,\"end\":5,\"type\":\"SYMPTOM\",\"text\":\"cough\"}]}";

        assertThatThrownBy(() -> read(line)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.field()).isEqualTo("entities[0].text");
            assertThat(e.actual()).isEqualTo("cough");
        });
    }

    @Test
    void should_fail_naming_the_type_when_it_is_not_a_valid_entity_type() {
        String line = "{\"id\":\"a\",\"text\":\"fever\",\"entities\":[{\"start\":0,\"end\":5,\"type\":\"sign/symptom\"}]}";

        assertThatThrownBy(() -> read(line)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.field()).isEqualTo("type");
            assertThat(e.actual()).isEqualTo("sign/symptom");
        });
    }

    @Test
    void should_fail_when_the_file_is_empty() throws Exception {
        Path empty = Files.createFile(folder.resolve("empty.jsonl"));

        assertThatThrownBy(() -> reader.read(empty)).isInstanceOfSatisfying(CorpusFormatException.class,
                e -> assertThat(e.file()).isEqualTo(empty.toString()));
    }

    @Test
    void should_read_crlf_and_bom_files_when_written_on_windows() {
        String content = "\uFEFF{\"id\":\"a\",\"text\":\"fever\",\"entities\":[{\"start\":0,\"end\":5,\"type\":\"SYMPTOM\"}]}\r\n"
                + "{\"id\":\"b\",\"text\":\"cough\"}\r\n";

        ReadResult result = read(content);

        assertThat(result.annotations()).extracting(Annotation::documentId).containsExactly("a", "b");
        assertThat(result.annotations().get(0).entities().get(0).text()).isEqualTo("fever");
    }

    @Test
    void should_fail_clearly_when_bytes_are_not_utf8() {
        byte[] bytes = "{\"id\":\"a\",\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> reader.open(new ByteArrayInputStream(bytes), "latin1.jsonl").readAll())
                .isInstanceOfSatisfying(CorpusFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("encoding");
                    assertThat(e.actual()).isEqualTo("byte 0xE9 at byte offset 21");
                });
    }

    @Test
    void should_report_repeated_ids_and_keep_both_when_ids_repeat() {
        ReadResult result = read("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n");

        assertThat(result.annotations()).hasSize(2);
        assertThat(result.report().count(ReadNotice.Kind.DUPLICATE_DOCUMENT_ID)).isEqualTo(1);
        assertThatThrownBy(() -> result.toCorpus("c")).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("document id");
    }
}
