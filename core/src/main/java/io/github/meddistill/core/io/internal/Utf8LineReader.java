package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.CorpusIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of strict UTF-8 from a stream, with exact line numbers. A leading byte-order mark is
 * dropped, {@code \n} and {@code \r\n} both end a line, and bytes that are not UTF-8 fail with a
 * {@link CorpusFormatException} naming line and byte offset (instead of turning into U+FFFD).
 * Not thread-safe.
 */
public final class Utf8LineReader implements AutoCloseable {

    private static final int BUFFER_SIZE = 1 << 16;
    private static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 8;

    private final InputStream input;
    private final String source;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int bufferLength;
    private int bufferPosition;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long byteOffset;
    private boolean endOfInput;

    public Utf8LineReader(InputStream input, String source) {
        this.input = input;
        this.source = source;
    }

    /** The next line without its line terminator, or {@code null} at the end of the input. */
    public String readLine() {
        if (endOfInput && bufferPosition >= bufferLength) {
            return null;
        }
        int length = 0;
        long lineStartOffset = byteOffset;
        boolean sawAnything = false;
        while (true) {
            if (bufferPosition >= bufferLength && !fill()) {
                break;
            }
            sawAnything = true;
            byte next = buffer[bufferPosition++];
            byteOffset++;
            if (next == '\n') {
                break;
            }
            if (length == line.length) {
                if (length == MAX_LINE_BYTES) {
                    throw new CorpusFormatException(source, lineNumber + 1, "line", "a line of at most " + MAX_LINE_BYTES
                            + " bytes (the largest Java array)", "a longer line");
                }
                line = Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, 2L * line.length));
            }
            line[length++] = next;
        }
        if (!sawAnything) {
            return null;
        }
        lineNumber++;
        int start = 0;
        if (lineNumber == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (length > start && line[length - 1] == '\r') {
            length--;
        }
        return decode(start, length, lineStartOffset);
    }

    /** Number of the line last returned by {@link #readLine()} (1-based; 0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    public String source() {
        return source;
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new CorpusIoException(source, "cannot close " + source, e);
        }
    }

    private boolean fill() {
        if (endOfInput) {
            return false;
        }
        try {
            int read;
            do {
                read = input.read(buffer, 0, buffer.length);
            } while (read == 0);
            if (read < 0) {
                endOfInput = true;
                bufferLength = 0;
                bufferPosition = 0;
                return false;
            }
            bufferLength = read;
            bufferPosition = 0;
            return true;
        } catch (IOException e) {
            throw new CorpusIoException(source, "cannot read " + source + " after line " + lineNumber, e);
        }
    }

    private String decode(int start, int end, long lineStartOffset) {
        if (isAscii(start, end)) {
            return new String(line, start, end - start, StandardCharsets.US_ASCII);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            int bad = bytes.position();
            throw new CorpusFormatException(source, lineNumber, "encoding", "UTF-8 text",
                    String.format("byte 0x%02X at byte offset %d", line[bad] & 0xFF, lineStartOffset + bad), e);
        }
    }

    /** ASCII lines, most of every corpus, skip the decoder and its buffer allocation. */
    private boolean isAscii(int start, int end) {
        for (int i = start; i < end; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
