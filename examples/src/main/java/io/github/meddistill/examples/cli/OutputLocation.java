package io.github.meddistill.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks an output location before any work starts, so that a run never labels or trains for minutes and then
 * fails to save: a folder must be one or be creatable, a file must not be a folder, and both must be writable.
 * Each failure is an {@link IllegalArgumentException} that names the option, the path and what is wrong.
 */
final class OutputLocation {

    private OutputLocation() {
    }

    /** A folder that exists and is writable, or that can be created. */
    static void folder(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw problem(option, folder, "it is a file; expected a folder, or a path where one can be created");
        }
        if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
            throw problem(option, folder, "the folder is not writable");
        }
        creatable(option, folder);
    }

    /** A file that can be written: not a folder, in a folder that exists and is writable or can be created. */
    static void file(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw problem(option, file, "it is a folder; expected a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw problem(option, file, "the file is not writable");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw problem(option, file, parent + " is a file, so nothing can be written inside it");
        }
        if (Files.isDirectory(parent) && !Files.isWritable(parent)) {
            throw problem(option, file, "its folder " + parent + " is not writable");
        }
        creatable(option, parent);
    }

    /** A folder for a saved student: as {@link #folder}, and empty or holding a saved student that may be replaced. */
    static void studentFolder(String option, Path folder) {
        folder(option, folder);
        if (!Files.isDirectory(folder) || Files.isRegularFile(folder.resolve("config.json"))) {
            return;
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(folder)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().limit(3).toList();
        } catch (IOException e) {
            throw problem(option, folder, "cannot list the folder (" + e + ")");
        }
        if (!names.isEmpty()) {
            throw problem(option, folder, "it holds files that are not a saved student (" + String.join(", ", names)
                    + "); expected a new or empty folder, or a saved student to replace");
        }
    }

    /** The nearest existing ancestor of a missing path must be a writable folder. */
    private static void creatable(String option, Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || existing.equals(path.toAbsolutePath())) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw problem(option, path, existing + " is a file, so " + path + " cannot be created");
        }
        if (!Files.isWritable(existing)) {
            throw problem(option, path, existing + " is not writable, so " + path + " cannot be created");
        }
    }

    private static IllegalArgumentException problem(String option, Path path, String what) {
        return new IllegalArgumentException(option + " " + path + ": " + what);
    }
}
