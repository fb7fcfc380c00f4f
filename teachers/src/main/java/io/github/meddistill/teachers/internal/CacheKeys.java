package io.github.meddistill.teachers.internal;

import io.github.meddistill.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Content-addressed cache keys: SHA-256 over fixed request parts (provider, model, prompt, parameters, ...),
 * each followed by a zero byte, then the chunk text. The fixed parts are digested once and the digest cloned per
 * key. Thread-safe.
 */
public final class CacheKeys {

    private final MessageDigest prefix;

    public CacheKeys(List<String> fixedParts) {
        prefix = Sha256.digest();
        for (String part : fixedParts) {
            prefix.update(part.getBytes(StandardCharsets.UTF_8));
            prefix.update((byte) 0);
        }
    }

    /** The key of a chunk, as 64 hex digits. */
    public String key(String chunkText) {
        MessageDigest digest;
        try {
            synchronized (prefix) {
                digest = (MessageDigest) prefix.clone();
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
        digest.update(chunkText.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest.digest());
    }
}
