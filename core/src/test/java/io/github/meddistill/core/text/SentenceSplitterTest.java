package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final WordTokenizer tokenizer = new WordTokenizer();
    private final SentenceSplitter splitter = new SentenceSplitter();

    @Test
    void should_split_after_a_full_stop_when_the_next_sentence_is_capitalised() {
        assertThat(sentences("Patient has asthma. She takes albuterol! Is it working? 2 puffs daily."))
                .containsExactly("Patient has asthma.", "She takes albuterol!", "Is it working?", "2 puffs daily.");
    }

    @Test
    void should_not_split_when_a_dot_belongs_to_an_abbreviation_an_initial_or_a_number() {
        assertThat(sentences("Take 2.5 mg b.i.d. Seen by Dr. Smith and J. Doe, see Fig. 2 and Lee et al. 2019 today."))
                .containsExactly("Take 2.5 mg b.i.d. Seen by Dr. Smith and J. Doe, see Fig. 2 and Lee et al. 2019"
                        + " today.");
    }

    @Test
    void should_not_split_when_the_next_word_is_lower_case() {
        assertThat(sentences("Hypertension vs. diabetes. then metformin")).hasSize(1);
    }

    @Test
    void should_split_at_blank_lines_and_at_line_breaks_before_capitals_or_list_markers_when_the_note_has_lines() {
        String note = "HISTORY: chest pain\r\nradiating to the arm\r\nMEDICATIONS:\n- aspirin\n* lisinopril\n\nplan follows";
        assertThat(sentences(note)).containsExactly("HISTORY: chest pain\r\nradiating to the arm", "MEDICATIONS:",
                "- aspirin", "* lisinopril", "plan follows");
    }

    @Test
    void should_return_no_sentence_when_there_are_no_tokens() {
        assertThat(splitter.sentenceStarts("  \n ", List.of())).isEmpty();
    }

    private List<String> sentences(String text) {
        List<Token> tokens = tokenizer.tokenize(text);
        List<Integer> starts = splitter.sentenceStarts(text, tokens);
        List<String> sentences = new ArrayList<>();
        for (int s = 0; s < starts.size(); s++) {
            int last = s + 1 < starts.size() ? starts.get(s + 1) - 1 : tokens.size() - 1;
            sentences.add(text.substring(tokens.get(starts.get(s)).start(), tokens.get(last).end()));
        }
        return sentences;
    }
}
