package io.github.meddistill.student;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.Safetensors;
import io.github.meddistill.student.internal.WordPieceTokenizerJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The encoder a training run starts from: its name, shape, weights (none for a random encoder) and tokenizer.
 *
 * @param tokenizerJson a Hugging Face {@code tokenizer.json}, made from {@code vocab.txt} for checkpoints without one
 */
record InitialEncoder(String name, BertConfig config, Map<String, FloatTensor> weights, byte[] tokenizerJson) {

    /** Reads what {@code encoder} names: a bundled encoder, a checkpoint folder, or a random one of a shape. */
    static InitialEncoder load(EncoderSource encoder) {
        if (encoder instanceof EncoderSource.Pretrained pretrained) {
            PretrainedEncoder e = pretrained.encoder();
            try (InputStream in = e.openTokenizer()) {
                return new InitialEncoder(e.id(), e.config(), e.readWeights(), in.readAllBytes());
            } catch (IOException ex) {
                throw new NonRetriableException("cannot read tokenizer of " + e.id() + ": " + ex.getMessage(), ex);
            }
        }
        if (encoder instanceof EncoderSource.Checkpoint checkpoint) {
            Path dir = checkpoint.directory();
            BertConfig config = BertConfig.read(dir.resolve("config.json"));
            Map<String, FloatTensor> weights = Safetensors.read(dir.resolve("model.safetensors"));
            return new InitialEncoder(dir.getFileName().toString(), config, weights, tokenizerJson(dir));
        }
        EncoderSource.Random fresh = (EncoderSource.Random) encoder;
        try (InputStream in = PretrainedEncoder.MINILM.openTokenizer()) {
            return new InitialEncoder(fresh.describe().replace(' ', '-'), fresh.config(), Map.of(), in.readAllBytes());
        } catch (IOException ex) {
            throw new NonRetriableException("cannot read the MiniLM tokenizer: " + ex.getMessage(), ex);
        }
    }

    private static byte[] tokenizerJson(Path dir) {
        try {
            Path json = dir.resolve("tokenizer.json");
            if (Files.isRegularFile(json)) {
                return Files.readAllBytes(json);
            }
            Path vocab = dir.resolve("vocab.txt");
            if (!Files.isRegularFile(vocab)) {
                throw new NonRetriableException("checkpoint " + dir + " has neither tokenizer.json nor vocab.txt");
            }
            boolean lowercase = true;
            Path tokenizerConfig = dir.resolve("tokenizer_config.json");
            if (Files.isRegularFile(tokenizerConfig)) {
                lowercase = BertStudent.JSON.readTree(tokenizerConfig.toFile()).path("do_lower_case").asBoolean(true);
            }
            return WordPieceTokenizerJson.fromVocab(vocab, lowercase);
        } catch (IOException e) {
            throw new NonRetriableException("cannot read the tokenizer of checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
