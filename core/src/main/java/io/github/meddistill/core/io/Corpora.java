package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import java.nio.file.Path;
import java.util.List;

/**
 * The shortest way to read a corpus: the format comes from the file name or, failing that, from the content
 * ({@link CorpusFormat#detect(Path)}), and gzip-compressed files are read whatever their name.
 *
 * <pre>{@code
 * List<Annotation> train = Corpora.read(Path.of("NCBItrainset_corpus.txt"));
 * ReadResult dev = Corpora.readResult(Path.of("dev.jsonl.gz"), TypeMapping.identity());
 * }</pre>
 */
public final class Corpora {

    private Corpora() {
    }

    /**
     * Every document of the corpus at {@code path}, labels mapped with {@link TypeMapping#biomedical()} (NCBI-disease
     * and BC5CDR labels to MedDistill types; every other label kept as its own type).
     *
     * @throws CorpusFormatException for malformed input, or when the format cannot be told
     * @throws CorpusIoException when the input cannot be read
     */
    public static List<Annotation> read(Path path) {
        return readResult(path, TypeMapping.biomedical()).annotations();
    }

    /** The documents and the read report (repairs, skipped spans) of the corpus at {@code path}. */
    public static ReadResult readResult(Path path, TypeMapping mapping) {
        return CorpusFormat.detect(path).read(path, mapping);
    }
}
