package io.github.meddistill.examples.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotation tools' formats, written here from their documentation (Label Studio's "JSON" export of tasks with
 * {@code annotations[].result[].value.{start,end,text,labels}} and {@code completed_by}; doccano's sequence-labeling
 * JSONL {@code label: [[start, end, "TYPE"]]} and its {@code entities} shape; Prodigy's {@code db-out} JSONL with
 * {@code spans} and {@code answer}), all with offsets in Unicode code points. The note has an emoji (two UTF-16 units
 * each), CJK, a combining acute accent and overlapping spans; the code point offsets below were computed with Python.
 */
class AnnotationToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "Pt 😷 with 糖尿病 and café fever; 💊 metformin for lung cancer." with a combining accent on the e. */
    private static final String TEXT = "Pt \uD83D\uDE37 with \u7CD6\u5C3F\u75C5 and cafe\u0301 fever; \uD83D\uDC8A"
            + " metformin for lung cancer.";
    private static final EntityType DISEASE = EntityType.DISEASE;
    private static final EntityType MEDICATION = EntityType.MEDICATION;
    private static final EntityType SYMPTOM = EntityType.SYMPTOM;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content.replace("$TEXT", new TextNode(TEXT).toString()), StandardCharsets.UTF_8);
        return file;
    }

    private static Entity at(String mention, EntityType type) {
        int start = TEXT.indexOf(mention);
        return Entity.of(TEXT, start, start + mention.length(), type);
    }

    /** A Label Studio task as its JSON export writes it: two annotators, the second without the overlapping "lung". */
    private static final String LABEL_STUDIO = """
            [{"id": 7, "data": {"text": $TEXT, "meddistill_id": "n1"}, "project": 3,
              "annotations": [
                {"id": 11, "completed_by": 1, "was_cancelled": false, "ground_truth": false, "lead_time": 12.5,
                 "result": [
                   {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                    "value": {"start": 10, "end": 13, "text": "\u7CD6\u5C3F\u75C5", "labels": ["DISEASE"]}},
                   {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 24, "end": 29, "text": "fever", "labels": ["SYMPTOM"]}},
                   {"id": "a3", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 33, "end": 42, "text": "metformin", "labels": ["MEDICATION"]}},
                   {"id": "a4", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 47, "end": 58, "text": "lung cancer", "labels": ["DISEASE"]}},
                   {"id": "a5", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 47, "end": 51, "text": "lung", "labels": ["SYMPTOM"]}},
                   {"id": "r1", "from_id": "a3", "to_id": "a4", "type": "relation", "direction": "right"}]},
                {"id": 12, "completed_by": {"id": 2, "email": "b@example.org"}, "was_cancelled": false,
                 "result": [
                   {"id": "b1", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 10, "end": 13, "text": "\u7CD6\u5C3F\u75C5", "labels": ["DISEASE"]}},
                   {"id": "b2", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 18, "end": 29, "text": "cafe\u0301 fever", "labels": ["SYMPTOM"]}},
                   {"id": "b3", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 33, "end": 42, "text": "metformin", "labels": ["MEDICATION"]}},
                   {"id": "b4", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 47, "end": 58, "text": "lung cancer", "labels": ["DISEASE"]}}]},
                {"id": 13, "completed_by": 3, "was_cancelled": true, "result": []}],
              "predictions": []}]
            """;

    @Test
    void should_convert_code_point_offsets_when_the_note_has_emoji_cjk_and_combining_marks() throws Exception {
        // given
        Path export = write("ls.json", LABEL_STUDIO);

        // when
        AnnotationTool.Import read = AnnotationTool.LABEL_STUDIO.read(List.of(export), AnnotationTool.Merge.UNION, null);

        // then
        Annotation gold = read.gold().get(0);
        assertThat(gold.documentId()).isEqualTo("n1");
        assertThat(gold.entities()).extracting(Entity::text).contains("\u7CD6\u5C3F\u75C5", "cafe\u0301 fever",
                "metformin", "lung cancer", "lung", "fever");
        assertThat(gold.entities()).contains(at("lung cancer", DISEASE), at("lung", SYMPTOM), at("metformin", MEDICATION));
        assertThat(read.repairs()).containsEntry("CANCELLED_ANNOTATION_SKIPPED", 1).containsEntry("NON_SPAN_RESULT_SKIPPED", 1);
    }

    @Test
    void should_keep_spans_most_annotators_marked_and_report_disagreement_when_two_annotators_differ() throws Exception {
        // given
        Path export = write("ls.json", LABEL_STUDIO);

        // when
        AnnotationTool.Import read = AnnotationTool.LABEL_STUDIO.read(List.of(export), AnnotationTool.Merge.MAJORITY, null);

        // then: both marked 3 spans alike; annotator 1 has "fever" and "lung", annotator 2 "café fever"
        assertThat(read.gold().get(0).entities()).containsExactly(at("\u7CD6\u5C3F\u75C5", DISEASE),
                at("metformin", MEDICATION), at("lung cancer", DISEASE));
        assertThat(read.annotators()).containsExactlyInAnyOrder("1", "b@example.org");
        assertThat(read.multiplyAnnotated()).isEqualTo(1);
        assertThat(read.disputedSpans()).isEqualTo(3);
        assertThat(read.agreementF1().getAsDouble()).isCloseTo(2.0 * 3 / (5 + 4), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_keep_one_annotator_when_asked_for_by_id() throws Exception {
        // given
        Path export = write("ls.json", LABEL_STUDIO);

        // when
        AnnotationTool.Import read = AnnotationTool.LABEL_STUDIO.read(List.of(export), AnnotationTool.Merge.MAJORITY,
                "b@example.org");

        // then
        assertThat(read.gold().get(0).entities()).hasSize(4).contains(at("cafe\u0301 fever", SYMPTOM));
        assertThat(read.multiplyAnnotated()).isZero();
        assertThat(read.agreementF1()).isEmpty();
    }

    @Test
    void should_read_utf16_offsets_as_such_and_count_the_repair_when_only_they_fit_the_stated_text() throws Exception {
        // given: an older Label Studio counted JavaScript (UTF-16) units: "metformin" at 35-44
        Path export = write("old.json", """
                [{"id": 1, "data": {"text": $TEXT},
                  "annotations": [{"id": 1, "completed_by": 1, "result": [{"type": "labels", "from_name": "label",
                    "to_name": "text", "value": {"start": 35, "end": 44, "text": "metformin", "labels": ["MEDICATION"]}}]}]}]
                """);

        // when
        AnnotationTool.Import read = AnnotationTool.LABEL_STUDIO.read(List.of(export), AnnotationTool.Merge.MAJORITY, null);

        // then
        assertThat(read.gold().get(0).documentId()).isEqualTo("label-studio-1");
        assertThat(read.gold().get(0).entities()).containsExactly(at("metformin", MEDICATION));
        assertThat(read.repairs()).containsEntry("OFFSETS_IN_UTF16_READ_AS_SUCH", 1);
    }

    @Test
    void should_reject_the_export_naming_task_and_span_when_the_stated_text_fits_no_offsets() throws Exception {
        // given
        Path export = write("bad.json", """
                [{"id": 5, "data": {"text": $TEXT},
                  "annotations": [{"id": 1, "completed_by": 1, "result": [{"type": "labels", "from_name": "label",
                    "to_name": "text", "value": {"start": 0, "end": 2, "text": "metformin", "labels": ["MEDICATION"]}}]}]}]
                """);

        // when / then
        assertThatThrownBy(() -> AnnotationTool.LABEL_STUDIO.read(List.of(export), AnnotationTool.Merge.MAJORITY, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task 5").hasMessageContaining("span [0, 2)").hasMessageContaining("'metformin'");
    }

    @Test
    void should_read_doccano_jsonl_in_both_shapes_with_one_file_per_annotator() throws Exception {
        // given: doccano exports one file per user; this project's users chose differently
        Path alice = write("alice.jsonl", """
                {"id": 1, "text": $TEXT, "label": [[10, 13, "DISEASE"], [47, 58, "DISEASE"], [47, 51, "SYMPTOM"]], "meddistill_id": "n1", "Comments": []}
                """);
        Path bob = write("bob.jsonl", """
                {"id": 1, "text": $TEXT, "entities": [{"id": 4, "label": "DISEASE", "start_offset": 10, "end_offset": 13}, {"id": 5, "label": "DISEASE", "start_offset": 47, "end_offset": 58}], "relations": [], "meddistill_id": "n1"}
                """);

        // when
        AnnotationTool.Import read = AnnotationTool.DOCCANO.read(List.of(alice, bob), AnnotationTool.Merge.MAJORITY, null);

        // then
        assertThat(read.annotators()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(read.gold().get(0).entities()).containsExactly(at("\u7CD6\u5C3F\u75C5", DISEASE), at("lung cancer", DISEASE));
        assertThat(read.disputedSpans()).isEqualTo(1);
    }

    @Test
    void should_keep_accepted_prodigy_answers_only_when_reading_db_out() throws Exception {
        // given
        Path export = write("prodigy.jsonl", """
                {"text": $TEXT, "spans": [{"start": 33, "end": 42, "label": "MEDICATION", "token_start": 9, "token_end": 9}], "meta": {"meddistill_id": "n1"}, "_input_hash": 1, "_task_hash": 2, "answer": "accept", "_annotator_id": "ner-alice"}
                {"text": "Denies fever.", "spans": [{"start": 7, "end": 12, "label": "SYMPTOM"}], "meta": {"meddistill_id": "n2"}, "answer": "reject", "_annotator_id": "ner-alice"}
                """);

        // when
        AnnotationTool.Import read = AnnotationTool.PRODIGY.read(List.of(export), AnnotationTool.Merge.MAJORITY, null);

        // then
        assertThat(read.gold()).hasSize(1);
        assertThat(read.gold().get(0).entities()).containsExactly(at("metformin", MEDICATION));
        assertThat(read.annotators()).containsExactly("ner-alice");
        assertThat(read.repairs()).containsEntry("NOT_ACCEPTED_SKIPPED", 1);
    }

    @Test
    void should_give_back_the_teachers_labels_when_annotators_accept_every_pre_annotation() throws Exception {
        // given: two teachers, overlapping mentions, and the note with emoji, CJK and a combining mark
        Document note = new Document("n1", TEXT);
        Map<String, List<Entity>> labels = new LinkedHashMap<>();
        labels.put("doid", List.of(at("\u7CD6\u5C3F\u75C5", DISEASE), at("lung cancer", DISEASE)));
        labels.put("hpo", List.of(at("cafe\u0301 fever", SYMPTOM), at("lung", SYMPTOM)));
        AnnotationSample.Pick pick = new AnnotationSample.Pick(note, 0, Set.of(DISEASE, SYMPTOM), labels, "disagreement");
        List<Entity> all = List.of(at("\u7CD6\u5C3F\u75C5", DISEASE), at("cafe\u0301 fever", SYMPTOM),
                at("lung cancer", DISEASE), at("lung", SYMPTOM));

        for (AnnotationTool tool : AnnotationTool.values()) {
            // when: the export goes through the tool, each annotator accepting what was shown
            String exported = tool.export(List.of(pick));
            Path file = dir.resolve(tool.fileName());
            Files.writeString(file, tool == AnnotationTool.LABEL_STUDIO ? acceptPredictions(exported) : exported
                    .replace("}\n", ",\"answer\":\"accept\"}\n"), StandardCharsets.UTF_8);
            AnnotationTool.Import read = tool.read(List.of(file), AnnotationTool.Merge.MAJORITY, null);

            // then
            assertThat(read.gold()).as(tool.name()).hasSize(1);
            assertThat(read.gold().get(0).documentId()).as(tool.name()).isEqualTo("n1");
            assertThat(read.gold().get(0).document().text()).as(tool.name()).isEqualTo(TEXT);
            assertThat(read.gold().get(0).entities()).as(tool.name()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(read.repairs()).as(tool.name()).isEmpty();
        }
    }

    /** What Label Studio exports after an annotator accepted each prediction: one annotation per teacher's results. */
    private static String acceptPredictions(String tasks) throws Exception {
        ArrayNode root = (ArrayNode) JSON.readTree(tasks);
        for (JsonNode task : root) {
            ArrayNode annotations = ((ObjectNode) task).putArray("annotations");
            ArrayNode result = JSON.createArrayNode();
            task.get("predictions").forEach(p -> p.get("result").forEach(result::add));
            annotations.addObject().put("id", 1).put("completed_by", 1).put("was_cancelled", false).set("result", result);
        }
        return root.toString();
    }

    @Test
    void should_write_label_studio_offsets_in_code_points_when_exporting() throws Exception {
        // given
        Document note = new Document("n1", TEXT);
        AnnotationSample.Pick pick = new AnnotationSample.Pick(note, 0, Set.of(MEDICATION),
                Map.of("drugbank", List.of(at("metformin", MEDICATION))), "disagreement");

        // when
        JsonNode task = JSON.readTree(AnnotationTool.LABEL_STUDIO.export(List.of(pick))).get(0);

        // then
        JsonNode value = task.at("/predictions/0/result/0/value");
        assertThat(value.get("start").asInt()).isEqualTo(33);
        assertThat(value.get("end").asInt()).isEqualTo(42);
        assertThat(task.at("/predictions/0/model_version").asText()).isEqualTo("drugbank");
        assertThat(task.at("/data/meddistill_id").asText()).isEqualTo("n1");
        assertThat(AnnotationTool.labelStudioConfig(Set.of(MEDICATION, DISEASE)))
                .contains("<Label value=\"DISEASE\"/>", "<Label value=\"MEDICATION\"/>", "value=\"$text\"");
    }
}
