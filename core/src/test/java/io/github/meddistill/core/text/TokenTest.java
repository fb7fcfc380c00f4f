package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void should_reject_span_when_text_length_differs() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Token("abc", 0, 2))
                .withMessageContaining("start=0, end=2, text length=3");
    }

    @Test
    void should_reject_span_when_empty_or_negative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Token("", 3, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new Token("a", -1, 0));
    }
}
