package io.github.meddistill.core.io.internal;

import io.github.meddistill.core.io.CorpusFormatException;
import io.github.meddistill.core.io.CorpusIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whole-file strict UTF-8 decoding, for formats whose offsets count every character of a file. */
public final class Utf8Files {

    private Utf8Files() {
    }

    /** A decoded file: its text without a leading byte-order mark, and whether it had one. */
    public record Decoded(String text, boolean byteOrderMark) {
    }

    /** A file's text, decoded strictly and verbatim (line terminators kept), without a leading byte-order mark. */
    public static Decoded read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot read " + file, e);
        }
        int start = hasByteOrderMark(bytes) ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return new Decoded(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString(), start == 3);
        } catch (CharacterCodingException e) {
            int bad = buffer.position();
            long line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CorpusFormatException(file.toString(), line, "encoding", "UTF-8 text",
                    String.format("byte 0x%02X at byte offset %d", bytes[bad] & 0xFF, bad), e);
        }
    }

    /** Whether the bytes start with the UTF-8 byte-order mark EF BB BF. */
    public static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }
}
