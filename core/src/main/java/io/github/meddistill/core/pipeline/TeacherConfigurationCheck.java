package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.FileException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a teacher's label journals consistent with its {@linkplain Teacher#configuration() configuration}. The
 * folder of a teacher's journals records the SHA-256 of the configuration they were written with. When the teacher
 * comes back with another one, the journals move to {@code superseded-<hash>/} in that folder, so nothing paid for
 * is lost, and the notes are labelled again; journals set aside earlier for the configuration now in use move back,
 * so switching between two configurations never pays twice. Journals from before this record existed are adopted
 * as they are.
 */
final class TeacherConfigurationCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherConfigurationCheck.class);
    private static final String RECORD = "configuration.sha256";
    private static final String SUPERSEDED = "superseded-";

    private TeacherConfigurationCheck() {
    }

    /** Makes {@code directory} hold only journals written with {@code teacher}'s current configuration. */
    static void prepare(Teacher teacher, Path directory) {
        String current = Sha256.hex(teacher.configuration());
        Path record = directory.resolve(RECORD);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(record)) {
                AtomicFiles.writeString(record, current);
                return;
            }
            String previous = Files.readString(record, StandardCharsets.UTF_8).strip();
            if (previous.equals(current)) {
                return;
            }
            Path aside = directory.resolve(SUPERSEDED + shortHash(previous));
            moveJournals(directory, aside);
            // recorded before restoring: a run killed in between labels what is missing instead of setting aside
            // journals of the configuration in use
            AtomicFiles.writeString(record, current);
            Path restored = directory.resolve(SUPERSEDED + shortHash(current));
            boolean restoring = Files.isDirectory(restored);
            if (restoring) {
                moveJournals(restored, directory);
                Files.deleteIfExists(restored);
            }
            LOG.warn("Teacher {} has another configuration than when its labels in {} were written: those are kept"
                    + " in {}; {}", teacher.name(), directory, aside.getFileName(), restoring
                    ? "the labels set aside earlier for this configuration are used again"
                    : "the notes are labelled again");
        } catch (IOException e) {
            throw new FileException(directory, "cannot check the label journals of teacher " + teacher.name(), e);
        }
    }

    private static void moveJournals(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(from, "*.jsonl")) {
            for (Path journal : journals) {
                Files.move(journal, to.resolve(journal.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String shortHash(String hash) {
        return hash.substring(0, Math.min(16, hash.length()));
    }
}
