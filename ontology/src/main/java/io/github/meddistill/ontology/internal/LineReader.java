package io.github.meddistill.ontology.internal;

import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.OntologyLoadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Reads a vocabulary file line by line (LF or CRLF), counting lines, decoding each line strictly
 * (bytes that are not valid in the charset are an error naming the line, never replaced), and
 * turning every failure into an exception that names the file and line. Not thread-safe.
 */
public final class LineReader implements Closeable {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String file;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;

    public LineReader(InputStream in, Charset charset, String file) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.file = file;
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String next() {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineNumber++;
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new OntologyFormatException(file, lineNumber, "expected text in " + decoder.charset().name()
                    + ", found bytes that are not valid in it (" + e + ")", e);
        }
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    private boolean fill() {
        try {
            int read = in.read(buffer);
            while (read == 0) {
                read = in.read(buffer);
            }
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        } catch (IOException e) {
            throw new OntologyLoadException(file, "cannot read after line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    /** Number of the line last returned by {@link #next()} (1-based; 0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    public String file() {
        return file;
    }

    /** An error at the line last read. */
    public OntologyFormatException error(String message) {
        return new OntologyFormatException(file, lineNumber, message);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new OntologyLoadException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
