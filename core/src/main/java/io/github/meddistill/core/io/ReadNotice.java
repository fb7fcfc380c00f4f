package io.github.meddistill.core.io;

import java.util.Objects;

/**
 * Something a reader handled deliberately instead of failing: input it skipped, joined or adjusted
 * according to its documented policy. Counted in a {@link ReadReport}; never holds document text.
 *
 * @param kind what happened
 * @param location file and line, e.g. {@code "CDR_TrainingSet.PubTator.txt:22"}
 * @param detail ids and offsets that identify the case
 */
public record ReadNotice(Kind kind, String location, String detail) {

    /** The kinds of deliberate handling. */
    public enum Kind {
        /** A relation line (PubTator {@code CID}) was skipped: only entities are read. */
        RELATION_SKIPPED,
        /** A BRAT annotation that is not a text-bound entity (relation, event, attribute, normalization, note) was skipped. */
        NON_ENTITY_ANNOTATION_SKIPPED,
        /** A discontinuous BRAT entity was replaced by one span from its first to its last fragment. */
        DISCONTINUOUS_SPANNED,
        /** A discontinuous BRAT entity was read as one entity per fragment. */
        DISCONTINUOUS_SPLIT,
        /** A discontinuous BRAT entity was skipped. */
        DISCONTINUOUS_SKIPPED,
        /** An entity overlaps an earlier entity of the same document (counted once per such entity); all were kept. */
        OVERLAPPING_ENTITIES,
        /** The same span and type occurred twice in one document; it was kept once. */
        DUPLICATE_ENTITY,
        /** An entity whose label has no mapping was skipped ({@link TypeMapping.Unmapped#SKIP}). */
        UNMAPPED_TYPE_SKIPPED,
        /** A mention's text differed from the document only by surrounding whitespace; the offsets were kept. */
        MENTION_TEXT_WHITESPACE,
        /** A brat annotation's stated text stopped at a line break inside its span; the offsets were kept. */
        MENTION_TEXT_CUT_AT_LINE_BREAK,
        /** An entity whose stated text did not match the document was skipped ({@link BratReader.Builder#skipMismatchedText}). */
        MENTION_TEXT_MISMATCH_SKIPPED,
        /** An invalid tag sequence (for example IOB1 or an orphan {@code I-}) was repaired by the label scheme. */
        TAG_SEQUENCE_REPAIRED,
        /** A document id occurred more than once in the input; both documents were returned. */
        DUPLICATE_DOCUMENT_ID,
        /** A BRAT text file had no {@code .ann} file; it was read as a document without entities. */
        MISSING_ANNOTATION_FILE
    }

    public ReadNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + " at " + location + ": " + detail;
    }
}
