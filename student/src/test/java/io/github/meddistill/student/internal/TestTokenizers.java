package io.github.meddistill.student.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.github.meddistill.student.PretrainedEncoder;

/** The MiniLM tokenizer.json from the classpath, for tests. */
final class TestTokenizers {

    private TestTokenizers() {
    }

    static byte[] miniLmJson() {
        try (InputStream in = PretrainedEncoder.MINILM.openTokenizer()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SubwordTokenizer miniLm() {
        return SubwordTokenizer.fromJson(miniLmJson(), "all-minilm-l6-v2-tokenizer.json");
    }
}
