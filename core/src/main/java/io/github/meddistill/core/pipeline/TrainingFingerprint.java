package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over everything that decides what a student learns: the trainer's
 * {@linkplain io.github.meddistill.core.StudentLoader#configuration() configuration}, and the documents and labels
 * of the training and development sets. A saved student is reused only while its fingerprint still matches, so a
 * run with another encoder, other teacher labels or other notes retrains instead of reporting a stale student.
 */
final class TrainingFingerprint {

    private TrainingFingerprint() {
    }

    /**
     * The hex fingerprint of one training run. Without confidences it is the one earlier versions wrote, so their
     * saved students are still reused.
     */
    static String of(String configuration, List<Annotation> training, MentionConfidences confidences,
            List<Annotation> development) {
        MessageDigest digest = Sha256.digest();
        field(digest, configuration);
        annotations(digest, "training", training, confidences);
        annotations(digest, "development", development, MentionConfidences.NONE);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void annotations(MessageDigest digest, String split, List<Annotation> annotations,
            MentionConfidences confidences) {
        field(digest, split);
        field(digest, Integer.toString(annotations.size()));
        for (Annotation annotation : annotations) {
            field(digest, annotation.document().id());
            field(digest, annotation.document().text());
            field(digest, Integer.toString(annotation.entities().size()));
            for (Entity entity : annotation.entities()) {
                field(digest, entity.start() + ":" + entity.end() + ":" + entity.type().name());
                double confidence = confidences.of(annotation.documentId(), entity);
                if (confidence != 1.0) {
                    field(digest, "confidence:" + Double.toString(confidence));
                }
            }
        }
    }

    /** Each field with its length first, so that no two different field lists hash the same bytes. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }
}
