package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.io.CorpusIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening input files with an error that names them. */
public final class Inputs {

    private Inputs() {
    }

    /** The bytes of {@code file}, gunzipped when they are gzip-compressed (see {@link Gzip}). */
    public static InputStream open(Path file) {
        InputStream input;
        try {
            input = Files.newInputStream(file);
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot open " + file, e);
        }
        try {
            return Gzip.decompressIfGzip(input, file);
        } catch (IOException e) {
            try {
                input.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new CorpusIoException(file, "cannot read " + file, e);
        }
    }

    /** A file name without its last extension ({@code "train"} for {@code "data/train.tsv"}). */
    public static String stem(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
