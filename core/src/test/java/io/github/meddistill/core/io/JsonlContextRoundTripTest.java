package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlContextRoundTripTest {

    private static final EntityType DISEASE = EntityType.of("DISEASE");

    @Test
    void should_keep_assertion_and_concepts_when_written_and_read_back(@TempDir Path dir) {
        // given
        Document note = new Document("n1", "Mother had breast cancer.");
        Assertion family = new Assertion(Flag.NO, Flag.NO, Flag.NO, Flag.YES, Experiencer.FAMILY);
        LinkedConcept concept = new LinkedConcept("DOID:1612", "breast cancer", "DOID", 1.0, LinkMethod.EXACT,
                List.of("MESH:D001943"), List.of("OMIM:114480"));
        Entity entity = Entity.of(note.text(), 11, 24, DISEASE).withAssertion(family).withConcepts(List.of(concept));
        Path file = dir.resolve("out.jsonl");
        // when
        JsonlWriter.write(file, List.of(new Annotation(note, List.of(entity), "student")));
        Entity read = JsonlReader.builder().build().read(file).annotations().get(0).entities().get(0);
        // then
        assertThat(read.assertion()).isEqualTo(family);
        assertThat(read.concepts()).containsExactly(concept);
    }

    @Test
    void should_leave_context_out_when_nothing_was_decided(@TempDir Path dir) throws IOException {
        Document note = new Document("n1", "Fever.");
        Path file = dir.resolve("plain.jsonl");
        JsonlWriter.write(file, List.of(new Annotation(note, List.of(Entity.of(note.text(), 0, 5, DISEASE)), "s")));
        String line = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("assertion").doesNotContain("concepts");
        assertThat(JsonlReader.builder().build().read(file).annotations().get(0).entities().get(0).assertion())
                .isEqualTo(Assertion.UNKNOWN);
    }

    @Test
    void should_name_the_field_when_broader_xrefs_are_not_an_array(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"text\":\"Gout\",\"entities\":[{\"start\":0,\"end\":4,"
                + "\"type\":\"DISEASE\",\"concepts\":[{\"id\":\"DOID:13189\",\"score\":1,\"method\":\"exact\","
                + "\"broaderXrefs\":\"MESH:D006073\"}]}]}\n");
        assertThatThrownBy(() -> JsonlReader.builder().build().read(file))
                .isInstanceOf(CorpusFormatException.class).hasMessageContaining("bad.jsonl:1:")
                .hasMessageContaining("entities[0].concepts[0].broaderXrefs")
                .hasMessageContaining("an array of strings");
    }

    @Test
    void should_name_the_field_when_an_assertion_flag_is_not_a_boolean(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"text\":\"No fever\",\"entities\":[{\"start\":3,\"end\":8,"
                + "\"type\":\"DISEASE\",\"assertion\":{\"negated\":\"yes\"}}]}\n");
        assertThatThrownBy(() -> JsonlReader.builder().build().read(file))
                .isInstanceOf(CorpusFormatException.class).hasMessageContaining("entities[0].assertion.negated")
                .hasMessageContaining("true or false");
    }
}
