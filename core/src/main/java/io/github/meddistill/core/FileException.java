package io.github.meddistill.core;

/**
 * A file that cannot be read or written (missing, unreadable, disk full) or whose content is not what its format
 * requires. The message starts with the file, and with the line where the problem is on one
 * ({@code train.txt:12: ...}). Retrying cannot help until the file is fixed.
 */
public class FileException extends NonRetriableException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /**
     * @param file the file, folder or stream name (for an entry of a zip: {@code archive.zip!/entry})
     * @param line the 1-based line; 0 when the problem concerns the whole file
     * @param message the whole message, starting with {@code file} (and {@code :line})
     */
    public FileException(String file, long line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** A problem with the whole file: the message is {@code file: what}, e.g. {@code "runs/x.jsonl: cannot write"}. */
    public FileException(Object file, String what, Throwable cause) {
        this(String.valueOf(file), 0, file + ": " + what + (cause == null ? "" : ": " + cause), cause);
    }

    /** The file, folder or stream name that holds the problem. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem; 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
