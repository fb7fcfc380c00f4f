package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WindowsTest {

    @Test
    void should_return_one_window_when_the_sequence_fits() {
        assertThat(Windows.split(new int[] {0, 0, 1, 2}, 10, 3)).containsExactly(new Windows.Window(0, 4));
    }

    @Test
    void should_return_no_window_when_there_are_no_pieces() {
        assertThat(Windows.split(new int[0], 10, 3)).isEmpty();
    }

    @Test
    void should_cover_every_piece_with_word_aligned_overlapping_windows_when_the_sequence_is_long() {
        // given: 40 words of 1-3 pieces each
        int[] wordOfPiece = new int[80];
        int piece = 0;
        for (int word = 0; piece < wordOfPiece.length; word++) {
            for (int k = 0; k <= word % 3 && piece < wordOfPiece.length; k++) {
                wordOfPiece[piece++] = word;
            }
        }

        // when
        List<Windows.Window> windows = Windows.split(wordOfPiece, 16, 4);

        // then
        assertThat(windows.get(0).start()).isZero();
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(80);
        for (int i = 0; i < windows.size(); i++) {
            Windows.Window window = windows.get(i);
            assertThat(window.length()).isBetween(1, 16);
            assertThat(window.start() == 0 || wordOfPiece[window.start()] != wordOfPiece[window.start() - 1])
                    .as("window %s starts a word", window).isTrue();
            if (i > 0) {
                assertThat(window.start()).isGreaterThan(windows.get(i - 1).start())
                        .isLessThanOrEqualTo(windows.get(i - 1).end());
            }
        }
        int[] owners = Windows.owners(80, windows);
        for (int p = 0; p < 80; p++) {
            Windows.Window owner = windows.get(owners[p]);
            assertThat(p).isGreaterThanOrEqualTo(owner.start()).isLessThan(owner.end());
        }
    }

    @Test
    void should_split_inside_a_word_when_one_word_is_longer_than_a_window() {
        int[] wordOfPiece = new int[30];
        List<Windows.Window> windows = Windows.split(wordOfPiece, 8, 2);

        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(30);
        assertThat(windows).allSatisfy(w -> assertThat(w.length()).isBetween(1, 8));
    }

    @Test
    void should_prefer_the_window_with_more_context_when_a_piece_is_in_two() {
        List<Windows.Window> windows = List.of(new Windows.Window(0, 10), new Windows.Window(6, 16));

        int[] owners = Windows.owners(16, windows);

        assertThat(owners[6]).isZero();
        assertThat(owners[7]).isZero();
        assertThat(owners[8]).isEqualTo(1);
        assertThat(owners[15]).isEqualTo(1);
    }

    @Test
    void should_reject_a_stride_not_smaller_than_the_window() {
        assertThatThrownBy(() -> Windows.split(new int[] {0}, 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride=4");
    }

    @Test
    void should_never_cross_a_segment_start_when_segments_are_given() {
        int[] wordOfPiece = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

        List<Windows.Window> windows = Windows.split(wordOfPiece, 4, 1, new int[] {0, 2, 9});

        assertThat(windows).containsExactly(new Windows.Window(0, 2), new Windows.Window(2, 6),
                new Windows.Window(5, 9), new Windows.Window(9, 10));
    }

    @Test
    void should_reject_segment_starts_when_they_do_not_increase_from_zero() {
        assertThatThrownBy(() -> Windows.split(new int[] {0, 1, 2}, 4, 1, new int[] {0, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment starts");
    }
}
