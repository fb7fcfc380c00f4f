package io.github.meddistill.student.internal;

import io.github.meddistill.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.io.AtomicFiles;

/**
 * The {@value #FILE_NAME} file of a saved student: one {@code <SHA-256 in hex>  <file name>} line per file, the
 * format {@code sha256sum} writes and checks ({@code sha256sum -c SHA256SUMS} in the folder). Written last, so
 * that its presence says the save completed; verified before a student is loaded, so that a damaged or
 * half-copied file is named instead of loaded. Thread-safe (static methods only).
 */
public final class ChecksumManifest {

    public static final String FILE_NAME = "SHA256SUMS";

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *]([^/\\\\]+)");

    private ChecksumManifest() {
    }

    /** Writes the manifest of {@code files} (names inside {@code directory}) into {@code directory}. */
    public static void write(Path directory, List<String> files) throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (String file : files) {
            manifest.append(sha256(directory.resolve(file))).append("  ").append(file).append('\n');
        }
        AtomicFiles.writeString(directory.resolve(FILE_NAME), manifest.toString());
    }

    /**
     * Checks that the manifest of {@code directory} lists every file of {@code required} and that each listed
     * file that exists has the checksum written at save time.
     *
     * @throws NonRetriableException naming the file that is missing, unlisted or damaged
     */
    public static void verify(Path directory, List<String> required) {
        Path manifestFile = directory.resolve(FILE_NAME);
        Map<String, String> listed = read(manifestFile, required);
        for (String file : required) {
            if (!listed.containsKey(file)) {
                throw new NonRetriableException(manifestFile + ": expected a line for " + file + ", but it lists only "
                        + listed.keySet());
            }
        }
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            Path file = directory.resolve(entry.getKey());
            String actual;
            try {
                actual = sha256(file);
            } catch (NoSuchFileException e) {
                throw new NonRetriableException(file + " is missing (" + FILE_NAME + " lists it): the student was not"
                        + " copied completely", e);
            } catch (IOException e) {
                throw new NonRetriableException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (!actual.equals(entry.getValue())) {
                throw new NonRetriableException(file + " is damaged: expected SHA-256 " + entry.getValue() + " (from "
                        + manifestFile + ", written when the student was saved), but was " + actual);
            }
        }
    }

    private static Map<String, String> read(Path manifestFile, List<String> required) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifestFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NonRetriableException(manifestFile + " is missing: the student in " + manifestFile.getParent()
                    + " was not saved completely, or was saved by a MedDistill version without checksums (if you"
                    + " trust its files, run 'sha256sum " + String.join(" ", required) + " > " + FILE_NAME
                    + "' in that folder)", e);
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher line = LINE.matcher(lines.get(i).strip());
            if (!line.matches() || line.group(2).equals("..") || line.group(2).equals(".")) {
                throw new NonRetriableException(manifestFile + ":" + (i + 1) + ": expected '<64 lower-case hex digits>"
                        + "  <file name in the folder>', but was '" + shorten(lines.get(i)) + "'");
            }
            listed.put(line.group(2), line.group(1));
        }
        return listed;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return Sha256.hex(digest.digest());
    }

    private static String shorten(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
