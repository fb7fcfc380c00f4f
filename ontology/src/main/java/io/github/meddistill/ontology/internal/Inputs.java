package io.github.meddistill.ontology.internal;

import io.github.meddistill.ontology.OntologyLoadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens vocabulary files, transparently gunzipping names that end in {@code .gz}. */
public final class Inputs {

    private Inputs() {
    }

    /** A line reader over {@code file}; the caller closes it. */
    public static LineReader lines(Path file, Charset charset) {
        if (!Files.isRegularFile(file)) {
            throw new OntologyLoadException(file.toString(), "expected a readable file, found "
                    + (Files.exists(file) ? "something that is not a regular file" : "nothing"));
        }
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new LineReader(in, charset, file.toString());
        } catch (IOException e) {
            throw new OntologyLoadException(file.toString(), "cannot open: " + e.getMessage(), e);
        }
    }
}
