package io.github.meddistill.examples.demo;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.io.AnnotationReader;
import io.github.meddistill.core.io.PubTatorReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public corpora and lexicons shipped inside the examples jar (see the {@code data/README.md}
 * resource for provenance and licences), so the main job needs no download.
 */
public final class BundledData {

    private static final Logger LOG = LoggerFactory.getLogger(BundledData.class);
    private static final String ROOT = "/io/github/meddistill/examples/data/";

    /** The bundled lexicon files, by resource name. */
    public static final String DOID = "doid.obo.gz";
    public static final String DRUGBANK_VOCABULARY = "drugbank_vocabulary.csv.gz";
    public static final String DRUGS_AT_FDA_PRODUCTS = "drugsatfda_products.txt.gz";

    private BundledData() {
    }

    /**
     * The gold annotations of one split of a bundled PubTator corpus ({@code "ncbi-disease"} or
     * {@code "bc5cdr"}; split {@code "train"}, {@code "devel"} or {@code "test"}). A document id that
     * occurs twice (NCBI-disease train has PMID 8528200 twice) is kept once, its first occurrence. What the reader
     * skipped or repaired is logged with its counts.
     */
    public static List<Annotation> corpus(String corpus, String split) {
        String resource = corpus + "-" + split + ".pubtator.gz";
        List<Annotation> annotations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (AnnotationReader reader = PubTatorReader.builder().build().open(gunzipped(resource), resource)) {
            while (reader.hasNext()) {
                Annotation annotation = reader.next();
                if (seen.add(annotation.documentId())) {
                    annotations.add(annotation);
                }
            }
            if (reader.report().hasNotices()) {
                LOG.info("{} (a repeated document id is kept once)", reader.report().summary());
            }
        }
        return List.copyOf(annotations);
    }

    /** Copies a bundled lexicon (still gzipped) into {@code directory} once and returns its path. */
    public static Path lexicon(String resource, Path directory) {
        Path file = directory.resolve(resource);
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream in = open(resource)) {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy bundled " + resource + " to " + directory, e);
        }
    }

    private static InputStream gunzipped(String resource) {
        try {
            return new GZIPInputStream(open(resource), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = BundledData.class.getResourceAsStream(ROOT + resource);
        if (in == null) {
            throw new MedDistillException("bundled resource " + ROOT + resource + " is missing from the classpath;"
                    + " run the main job from examples/target/meddistill.jar");
        }
        return in;
    }
}
