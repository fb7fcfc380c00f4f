package io.github.meddistill.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledDataTest {

    @Test
    void should_spread_the_mtsamples_notes_over_the_file_when_a_few_are_asked_for() {
        List<Document> notes = BundledData.mtSamples(4);

        // 992 non-empty transcriptions, sorted by specialty: every 248th
        assertThat(notes).extracting(Document::id)
                .containsExactly("mtsamples-0", "mtsamples-248", "mtsamples-496", "mtsamples-744");
        assertThat(notes).allSatisfy(note -> assertThat(note.text()).hasSizeGreaterThan(100));
        assertThat(notes).extracting(Document::text).doesNotHaveDuplicates();
    }

    @Test
    void should_give_every_note_once_when_all_are_asked_for() {
        List<Document> notes = BundledData.mtSamples(992);

        assertThat(notes).extracting(Document::id).doesNotHaveDuplicates().hasSize(992)
                .contains("mtsamples-0", "mtsamples-991");
        assertThat(BundledData.mtSamples(0)).isEmpty();
    }

    @Test
    void should_say_how_many_there_are_when_more_are_asked_for() {
        assertThatThrownBy(() -> BundledData.mtSamples(993))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTSamples notes: expected 0 to 992, found 993");
    }
}
