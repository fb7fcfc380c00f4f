package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipCorpusTest {

    private static final String TEXT = "Started metformin for type 2 diabetes.";
    private static final List<Annotation> NOTES = List.of(new Annotation(new Document("n1", TEXT),
            List.of(Entity.of(TEXT, 8, 17, EntityType.MEDICATION)), "gold"));

    @TempDir
    Path folder;

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void should_write_gzip_and_read_it_back_when_the_name_ends_in_gz() throws Exception {
        Path file = folder.resolve("notes.jsonl.gz");

        JsonlWriter.write(file, NOTES);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x1F);
        assertThat(bytes[1] & 0xFF).isEqualTo(0x8B);
        assertThat(JsonlReader.builder().build().read(file).annotations()).isEqualTo(NOTES);
    }

    @Test
    void should_gunzip_every_line_format_when_the_content_is_gzip() throws Exception {
        Path pubTator = folder.resolve("cdr.pubtator.gz");
        Files.write(pubTator, gzip("1|t|" + TEXT + "\n1|a|\n1\t8\t17\tmetformin\tChemical\tD008687\n\n"));
        Path conll = folder.resolve("train.conll");
        Files.write(conll, gzip("Started\tO\nmetformin\tB-MEDICATION\n"));

        assertThat(PubTatorReader.builder().build().read(pubTator).annotations().get(0).entities())
                .extracting(Entity::text).containsExactly("metformin");
        assertThat(ConllReader.builder().build().read(conll).annotations().get(0).entities())
                .extracting(Entity::text).containsExactly("metformin");
    }

    @Test
    void should_say_the_file_is_not_gzip_when_its_name_ends_in_gz() throws Exception {
        Path file = folder.resolve("notes.jsonl.gz");
        Files.writeString(file, "{\"id\":\"n1\",\"text\":\"x\"}\n");

        assertThatThrownBy(() -> JsonlReader.builder().build().read(file)).isInstanceOf(CorpusIoException.class)
                .hasMessageContaining("notes.jsonl.gz").hasMessageContaining("expected gzip-compressed data");
    }
}
