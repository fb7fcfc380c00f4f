package io.github.meddistill.core.io.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip for corpus files: read whenever the content starts with the gzip magic bytes (whatever the name), written
 * where the name ends in {@code .gz}.
 */
public final class Gzip {

    private static final int MAGIC_FIRST = 0x1F;
    private static final int MAGIC_SECOND = 0x8B;
    private static final int BUFFER_SIZE = 1 << 16;

    private Gzip() {
    }

    /** Whether {@code file}'s name says it is gzip-compressed. */
    public static boolean isNamed(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * {@code input}, decompressed when it starts with the gzip magic bytes.
     *
     * @throws IOException also when the name ends in {@code .gz} but the content is not gzip
     */
    public static InputStream decompressIfGzip(InputStream input, Path file) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, BUFFER_SIZE);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == MAGIC_FIRST && second == MAGIC_SECOND) {
            return new GZIPInputStream(buffered, BUFFER_SIZE);
        }
        if (isNamed(file) && first >= 0) {
            throw new IOException("expected gzip-compressed data since the name ends in .gz, but the file does not"
                    + String.format(" start with the gzip bytes 1F 8B (it starts with %02X)", first));
        }
        return buffered;
    }

    /** {@code output}, compressing when {@code file}'s name ends in {@code .gz}. */
    public static OutputStream compressIfNamed(OutputStream output, Path file) throws IOException {
        return isNamed(file) ? new GZIPOutputStream(output, BUFFER_SIZE) : output;
    }
}
