package io.github.meddistill.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Output that appears under its final name only when it is complete, as Git writes {@code index.lock} and
 * renames it over {@code index}: the content goes to a hidden temporary file in the same folder
 * ({@code .<name>.<random>.partial}), is forced to disk, and is then renamed over the target in one atomic
 * move. A reader never sees half a file that looks whole: a process killed while writing leaves the previous
 * file (or none) and at most a hidden {@code .partial} file, which {@link #removeTemporarySiblings} deletes; a failed
 * write deletes its temporary file.
 * Folders work the same way with {@link #temporarySibling} and {@link #moveIntoPlace}. Thread-safe.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("out/report.md"), markdown);
 * AtomicFiles.write(Path.of("out/labels.jsonl"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {

    private static final String PARTIAL = ".partial";

    /** Writes the content of a file to a stream; may close the stream (closing only flushes it). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} from {@code content} and moves it into place; creates missing parent folders.
     *
     * @throws IOException from the content or the file system; the target is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = temporarySibling(target);
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FlushOnClose(out));
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(partial, target);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file}, as {@link #write}. */
    public static void writeString(Path file, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A path that does not exist yet, hidden and in the same folder as {@code target} (so that a rename into place
     * never crosses file systems): {@code .<name>.<random>.partial}.
     */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return absolute.resolveSibling("." + absolute.getFileName() + "." + random + PARTIAL);
    }

    /**
     * Deletes what a process killed while writing {@code target} left beside it: the hidden temporary files and folders
     * of {@link #temporarySibling} ({@code .<name>.<16 hex digits>.partial}), with their contents. Call it only while no
     * other writer of {@code target} runs, since theirs look the same.
     *
     * @return how many were deleted
     * @throws IOException from the file system
     */
    public static int removeTemporarySiblings(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        Pattern sibling = Pattern.compile(Pattern.quote("." + absolute.getFileName() + ".") + "[0-9a-f]{16}"
                + Pattern.quote(PARTIAL));
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(parent)) {
            leftovers = entries.filter(p -> sibling.matcher(p.getFileName().toString()).matches()).toList();
        }
        for (Path leftover : leftovers) {
            try (Stream<Path> tree = Files.walk(leftover)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        return leftovers.size();
    }

    /**
     * Renames {@code source} to {@code target} in one atomic step, replacing a file (or an empty folder) that is
     * there.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException where the file system cannot rename atomically
     */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closing flushes but keeps the file open, so that it can still be forced to disk. */
    private static final class FlushOnClose extends FilterOutputStream {

        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
