package io.github.meddistill.ontology.internal;

import io.github.meddistill.ontology.OntologyLoadException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The snapshot files of a SNOMED CT RF2 release, found in an unzipped folder (recursively) or read
 * in place from the release zip. Zip entry names that are absolute or climb out of the archive
 * ({@code ..}) are refused, so a hostile archive cannot point anywhere else. Not thread-safe.
 */
public final class Rf2Release implements Closeable {

    private static final Pattern CONCEPT = Pattern.compile("sct2_Concept_Snapshot_[^/\\\\]*\\.txt");
    private static final Pattern DESCRIPTION = Pattern.compile("sct2_Description_Snapshot-en_[^/\\\\]*\\.txt");
    private static final Pattern LANGUAGE = Pattern.compile("der2_cRefset_LanguageSnapshot-en_[^/\\\\]*\\.txt");

    /** One file of the release. */
    public interface Entry {
        /** A line reader over the file; the caller closes it. */
        LineReader open(Charset charset);
    }

    private final ZipFile zip;
    private final Entry concepts;
    private final List<Entry> descriptions;
    private final Entry language;

    private Rf2Release(ZipFile zip, Entry concepts, List<Entry> descriptions, Entry language) {
        this.zip = zip;
        this.concepts = concepts;
        this.descriptions = descriptions;
        this.language = language;
    }

    /** Opens a release folder or zip. */
    public static Rf2Release open(Path release) {
        if (Files.isDirectory(release)) {
            return openFolder(release);
        }
        if (Files.isRegularFile(release)) {
            return openZip(release);
        }
        throw new OntologyLoadException(release.toString(), "expected an RF2 release folder or zip, found nothing");
    }

    public Entry concepts() {
        return concepts;
    }

    public List<Entry> descriptions() {
        return descriptions;
    }

    /** The English language refset, or null when the release has none. */
    public Entry language() {
        return language;
    }

    @Override
    public void close() {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException e) {
                throw new OntologyLoadException(zip.getName(), "cannot close: " + e.getMessage(), e);
            }
        }
    }

    private static Rf2Release openFolder(Path folder) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new OntologyLoadException(folder.toString(), "cannot list the folder: " + e.getMessage(), e);
        }
        List<Entry> concepts = new ArrayList<>();
        List<Entry> descriptions = new ArrayList<>();
        List<Entry> languages = new ArrayList<>();
        List<String> conceptNames = new ArrayList<>();
        List<String> languageNames = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Entry entry = charset -> Inputs.lines(file, charset);
            if (CONCEPT.matcher(name).matches()) {
                concepts.add(entry);
                conceptNames.add(file.toString());
            } else if (DESCRIPTION.matcher(name).matches()) {
                descriptions.add(entry);
            } else if (LANGUAGE.matcher(name).matches()) {
                languages.add(entry);
                languageNames.add(file.toString());
            }
        }
        return assemble(folder.toString(), null, concepts, conceptNames, descriptions, languages, languageNames);
    }

    private static Rf2Release openZip(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new OntologyLoadException(file.toString(), "expected a complete zip archive (an RF2 release zip),"
                    + " found a damaged or truncated one: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OntologyLoadException(file.toString(), "cannot open: " + e.getMessage(), e);
        }
        try {
            List<Entry> concepts = new ArrayList<>();
            List<Entry> descriptions = new ArrayList<>();
            List<Entry> languages = new ArrayList<>();
            List<String> conceptNames = new ArrayList<>();
            List<String> languageNames = new ArrayList<>();
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement());
            }
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry zipEntry : entries) {
                String path = zipEntry.getName();
                checkSafe(file, path);
                if (zipEntry.isDirectory()) {
                    continue;
                }
                String name = path.substring(path.lastIndexOf('/') + 1);
                String display = file + "!/" + path;
                Entry entry = charset -> openZipEntry(zip, zipEntry, display, charset);
                if (CONCEPT.matcher(name).matches()) {
                    concepts.add(entry);
                    conceptNames.add(display);
                } else if (DESCRIPTION.matcher(name).matches()) {
                    descriptions.add(entry);
                } else if (LANGUAGE.matcher(name).matches()) {
                    languages.add(entry);
                    languageNames.add(display);
                }
            }
            return assemble(file.toString(), zip, concepts, conceptNames, descriptions, languages, languageNames);
        } catch (RuntimeException e) {
            try {
                zip.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static LineReader openZipEntry(ZipFile zip, ZipEntry entry, String display, Charset charset) {
        try {
            InputStream in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16);
            return new LineReader(in, charset, display);
        } catch (IOException e) {
            throw new OntologyLoadException(display, "cannot read the zip entry: " + e.getMessage(), e);
        }
    }

    private static void checkSafe(Path zip, String path) {
        String normalised = path.replace('\\', '/');
        boolean absolute = normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*");
        boolean climbs = false;
        for (String part : normalised.split("/")) {
            climbs |= part.equals("..");
        }
        if (absolute || climbs) {
            throw new OntologyLoadException(zip.toString(), "expected zip entries inside the archive, found an"
                    + " entry that points outside it: '" + path + "'");
        }
    }

    private static Rf2Release assemble(String release, ZipFile zip, List<Entry> concepts, List<String> conceptNames,
                                       List<Entry> descriptions, List<Entry> languages, List<String> languageNames) {
        if (concepts.size() != 1) {
            throw new OntologyLoadException(release, "expected exactly one concept snapshot file"
                    + " (sct2_Concept_Snapshot_*.txt), found " + (concepts.isEmpty() ? "none" : conceptNames));
        }
        if (descriptions.isEmpty()) {
            throw new OntologyLoadException(release, "expected at least one English description snapshot file"
                    + " (sct2_Description_Snapshot-en_*.txt), found none");
        }
        if (languages.size() > 1) {
            throw new OntologyLoadException(release, "expected at most one English language refset snapshot"
                    + " (der2_cRefset_LanguageSnapshot-en_*.txt), found " + languageNames);
        }
        return new Rf2Release(zip, concepts.get(0), List.copyOf(descriptions), languages.isEmpty() ? null
                : languages.get(0));
    }
}
