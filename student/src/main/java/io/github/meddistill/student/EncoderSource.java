package io.github.meddistill.student;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a student's encoder comes from: one of the offline {@linkplain PretrainedEncoder pretrained encoders}, an
 * HF BERT checkpoint directory the user downloaded, or a fresh random config.
 *
 * <p>A checkpoint directory holds {@code config.json}, {@code model.safetensors} (F32, F16 or BF16; converted to
 * float32 in Java) and {@code tokenizer.json} or {@code vocab.txt} (a word-piece tokenizer is built from it,
 * lower-casing as {@code tokenizer_config.json}'s {@code do_lower_case} says, true when absent). PyTorch
 * {@code pytorch_model.bin} pickles are not read: convert them once in Python with
 * {@code AutoModel.from_pretrained(dir).save_pretrained(out, safe_serialization=True)}.
 */
public sealed interface EncoderSource {

    /** An offline pretrained encoder from a langchain4j jar on the classpath. */
    static EncoderSource pretrained(PretrainedEncoder encoder) {
        return new Pretrained(encoder);
    }

    /** An HF BERT checkpoint directory (BioBERT, PubMedBERT, Bio_ClinicalBERT, ...). */
    static EncoderSource checkpoint(Path directory) {
        return new Checkpoint(directory);
    }

    /**
     * Random weights of the given shape, with the uncased 30,522-piece tokenizer of {@link PretrainedEncoder#MINILM}
     * (so {@code config.vocabSize()} must be 30522).
     */
    static EncoderSource random(BertConfig config) {
        return new Random(config);
    }

    /** Short description for logs and reports. */
    String describe();

    /** See {@link EncoderSource#pretrained}. */
    record Pretrained(PretrainedEncoder encoder) implements EncoderSource {
        public Pretrained {
            Objects.requireNonNull(encoder, "encoder");
        }

        @Override
        public String describe() {
            return encoder.id();
        }
    }

    /** See {@link EncoderSource#checkpoint}. */
    record Checkpoint(Path directory) implements EncoderSource {
        public Checkpoint {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String describe() {
            return "checkpoint " + directory;
        }
    }

    /** See {@link EncoderSource#random}. */
    record Random(BertConfig config) implements EncoderSource {
        public Random {
            Objects.requireNonNull(config, "config");
            if (config.vocabSize() != 30522) {
                throw new IllegalArgumentException("a random encoder uses the MiniLM tokenizer, so vocab_size must be"
                        + " 30522: vocab_size=" + config.vocabSize());
            }
        }

        @Override
        public String describe() {
            return "random " + config.layers() + "x" + config.hiddenSize();
        }
    }
}
