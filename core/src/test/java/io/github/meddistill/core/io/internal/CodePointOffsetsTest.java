package io.github.meddistill.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodePointOffsetsTest {

    @Test
    void should_convert_both_ways_when_text_has_supplementary_characters() {
        CodePointOffsets offsets = new CodePointOffsets("a😀b😀c");

        assertThat(offsets.codePointLength()).isEqualTo(5);
        assertThat(offsets.toChars(2)).isEqualTo(3);
        assertThat(offsets.toChars(5)).isEqualTo(7);
        assertThat(offsets.toCodePoints(6)).isEqualTo(4);
    }

    @Test
    void should_be_identity_when_text_is_in_the_basic_plane() {
        CodePointOffsets offsets = new CodePointOffsets("naïve ü");
        assertThat(offsets.toChars(4)).isEqualTo(4);
        assertThat(offsets.toCodePoints(7)).isEqualTo(7);
    }
}
