package io.github.meddistill.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.io.CorpusFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {

    private static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        try (Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(bytes), "mem")) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> lines(String text) {
        return lines(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_split_lines_and_drop_terminators_when_mixing_lf_and_crlf() {
        assertThat(lines("a\nb\r\n\r\nc")).containsExactly("a", "b", "", "c");
        assertThat(lines("a\n")).containsExactly("a");
        assertThat(lines("")).isEmpty();
        assertThat(lines("a\rb\n")).containsExactly("a\rb");
    }

    @Test
    void should_drop_the_bom_only_at_the_start_of_the_input() {
        assertThat(lines("\uFEFFfirst\n\uFEFFsecond")).containsExactly("first", "\uFEFFsecond");
    }

    @Test
    void should_read_lines_longer_than_the_buffer_with_multibyte_characters_across_its_edge() {
        String longLine = "é".repeat(70_000) + "😀";
        assertThat(lines(longLine + "\nnext")).containsExactly(longLine, "next");
    }

    @Test
    void should_name_line_and_byte_offset_when_bytes_are_not_utf8() {
        byte[] bytes = {'o', 'k', '\n', 'a', (byte) 0xC3, '(', '\n'};

        assertThatThrownBy(() -> lines(bytes)).isInstanceOfSatisfying(CorpusFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e).hasMessage("mem:2: field 'encoding': expected UTF-8 text, but was 'byte 0xC3 at byte offset 4'");
        });
    }

    @Test
    void should_reject_encoded_surrogates_when_input_is_cesu8() {
        byte[] cesu = {(byte) 0xED, (byte) 0xA0, (byte) 0xBD};
        assertThatThrownBy(() -> lines(cesu)).isInstanceOf(CorpusFormatException.class);
    }
}
