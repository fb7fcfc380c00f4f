package io.github.meddistill.examples.demo;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.AnnotationReader;
import io.github.meddistill.core.io.BratReader;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.core.io.ReadResult;
import io.github.meddistill.core.io.TypeMapping;
import io.github.meddistill.examples.ontology.MtSamplesNotes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
    public static final String HPO = "hp.obo.gz";
    /** The bundled brat corpus: MACCROBAT clinical case reports, one folder per split inside the zip. */
    public static final String MACCROBAT = "maccrobat";
    private static final String MACCROBAT_ZIP = "maccrobat-brat.zip";
    /** Unlabelled clinical notes: the MTSamples transcriptions subset, as distributed (CSV, gzipped). */
    private static final String MTSAMPLES = "mtsamples_subset.csv.gz";
    /** MACCROBAT's entity labels that the main job learns; its other labels (Lab_value, Age, ...) are skipped. */
    private static final TypeMapping MACCROBAT_TYPES = TypeMapping.builder()
            .map("Sign_symptom", EntityType.SYMPTOM)
            .map("Disease_disorder", EntityType.DISEASE)
            .map("Medication", EntityType.MEDICATION)
            .unmapped(TypeMapping.Unmapped.SKIP)
            .build();

    private BundledData() {
    }

    /**
     * The gold annotations of one split ({@code "train"}, {@code "devel"} or {@code "test"}) of a bundled corpus:
     * {@code "ncbi-disease"} or {@code "bc5cdr"} (PubTator), or {@value #MACCROBAT} (brat, unpacked under
     * {@code directory} on first use).
     */
    public static List<Annotation> corpus(String corpus, String split, Path directory) {
        return corpus.equals(MACCROBAT) ? brat(split, directory) : pubTator(corpus, split);
    }

    /**
     * A split of a bundled PubTator corpus. A document id that occurs twice (NCBI-disease train has PMID 8528200
     * twice) is kept once, its first occurrence. What the reader skipped or repaired is logged with its counts.
     */
    private static List<Annotation> pubTator(String corpus, String split) {
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

    /**
     * A split of MACCROBAT: its folder is unpacked from the bundled zip into {@code directory} once (each file
     * under a temporary name first, then moved), then read as brat with {@link #MACCROBAT_TYPES}. Discontinuous
     * mentions become one span from the first fragment to the last, as the brat reader does by default.
     */
    private static List<Annotation> brat(String split, Path directory) {
        Path folder = directory.resolve(MACCROBAT).resolve(split);
        Path complete = folder.resolve(".complete");
        try {
            if (!Files.exists(complete)) {
                Files.createDirectories(folder);
                try (ZipInputStream zip = new ZipInputStream(open(MACCROBAT_ZIP))) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        if (entry.isDirectory() || !entry.getName().startsWith(split + "/")) {
                            continue;
                        }
                        Path file = folder.resolve(entry.getName().substring(split.length() + 1));
                        Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".part");
                        Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.writeString(complete, MACCROBAT_ZIP);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack bundled " + MACCROBAT_ZIP + " into " + folder, e);
        }
        ReadResult read = BratReader.builder().typeMapping(MACCROBAT_TYPES).build().read(folder);
        if (read.report().hasNotices()) {
            LOG.info("{}", read.report().summary());
        }
        List<Annotation> annotations = read.annotations();
        if (annotations.isEmpty()) {
            throw new MedDistillException("bundled " + MACCROBAT_ZIP + " has no documents in split " + split);
        }
        return annotations;
    }

    /**
     * {@code count} of the bundled MTSamples transcriptions (unlabelled clinical notes), spread evenly over the file,
     * which is sorted by specialty, so that a few notes still span many specialties. Ids are {@code mtsamples-<i>},
     * {@code i} the note's position among the file's non-empty transcriptions.
     *
     * @throws IllegalArgumentException when {@code count} is negative or more than the file holds
     */
    public static List<Document> mtSamples(int count) {
        if (count == 0) {
            return List.of();
        }
        List<String> notes;
        try (InputStream in = gunzipped(MTSAMPLES)) {
            notes = MtSamplesNotes.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + MTSAMPLES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + MTSAMPLES, e);
        }
        if (count < 0 || count > notes.size()) {
            throw new IllegalArgumentException("MTSamples notes: expected 0 to " + notes.size() + ", found " + count);
        }
        List<Document> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = (int) ((long) i * notes.size() / count);
            documents.add(new Document("mtsamples-" + index, notes.get(index)));
        }
        return List.copyOf(documents);
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
