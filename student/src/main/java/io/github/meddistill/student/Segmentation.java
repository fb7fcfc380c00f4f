package io.github.meddistill.student;

/** How a note is cut into the windows the model reads, in training and in extraction. */
public enum Segmentation {

    /**
     * One sentence per window ({@link io.github.meddistill.core.text.SentenceSplitter}); a sentence longer than the
     * max length is split into overlapping windows with the stride. Many short sequences: more optimizer steps per
     * epoch, less padding and attention cost, and training matches how sentence-level NER corpora are annotated.
     * The default.
     */
    SENTENCE,

    /** Windows filled up to the max length across sentence boundaries, overlapping by the stride: more context. */
    WINDOW
}
