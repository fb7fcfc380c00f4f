package io.github.meddistill.teachers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void should_return_no_chunk_when_text_is_blank() {
        assertThat(new Chunker(100, 10).split(" \n ")).isEmpty();
        assertThat(new Chunker(100, 10).split("")).isEmpty();
    }

    @Test
    void should_return_the_whole_text_when_it_fits() {
        assertThat(new Chunker(100, 10).split("short note")).containsExactly(new Chunk(0, "short note"));
    }

    @Test
    void should_cover_the_text_with_overlapping_chunks_cut_at_whitespace_when_text_is_long() {
        String text = "word ".repeat(1000) + "end";
        List<Chunk> chunks = new Chunker(200, 40).split(text);

        assertThat(chunks.size()).isGreaterThan(25);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.text()).isEqualTo(text.substring(c.start(), c.start() + c.text().length()));
            assertThat(c.text().length()).isLessThanOrEqualTo(200);
            assertThat(c.text()).startsWith("w").doesNotEndWith("wor");
            if (i > 0) {
                Chunk previous = chunks.get(i - 1);
                int overlap = previous.start() + previous.text().length() - c.start();
                assertThat(overlap).isBetween(30, 40);
            }
        }
        Chunk last = chunks.get(chunks.size() - 1);
        assertThat(last.start() + last.text().length()).isEqualTo(text.length());
    }

    @Test
    void should_cut_hard_when_text_has_no_whitespace() {
        String text = "x".repeat(1000);
        List<Chunk> chunks = new Chunker(100, 10).split(text);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).hasSizeLessThanOrEqualTo(100));
        assertThat(chunks.get(chunks.size() - 1).start() + chunks.get(chunks.size() - 1).text().length()).isEqualTo(1000);
    }

    @Test
    void should_reject_overlap_too_large_for_the_chunk() {
        assertThatThrownBy(() -> new Chunker(100, 50)).hasMessageContaining("overlapChars=50");
    }
}
