package io.github.meddistill.core.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one checksum MedDistill records what produced a file with: note texts, teacher and trainer
 * fingerprints, lexicon contents, cache keys and saved students' manifests. Thread-safe (every call has its own digest).
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The lower-case hex SHA-256 of {@code text} in UTF-8. */
    public static String hex(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code hash} as lower-case hex, as {@code sha256sum} prints it. */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

}
