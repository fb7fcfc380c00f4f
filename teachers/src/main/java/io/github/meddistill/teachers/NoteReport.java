package io.github.meddistill.teachers;

import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What labelling one note took: chunks, paid requests and answers served from the cache, tokens and
 * dollars of this run's paid requests, wall-clock latency, and the mentions that could not be
 * aligned.
 *
 * @param documentId the note
 * @param chunks how many chunks the note was split into (0 for an empty note)
 * @param paidRequests requests answered by the provider in this run (a re-run from cache has 0)
 * @param cachedAnswers chunks answered from the on-disk cache
 * @param usage tokens billed for this note's paid requests
 * @param costUsd dollars for this note's paid requests
 * @param latency wall-clock time spent on the note, retries and waits included
 * @param unaligned mentions that did not become entities
 */
public record NoteReport(String documentId, int chunks, int paidRequests, int cachedAnswers, TokenUsage usage,
                         double costUsd, Duration latency, List<UnalignedMention> unaligned) {

    public NoteReport {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        unaligned = List.copyOf(unaligned);
    }

    /** Mentions the model returned that do not occur in the note. */
    public long notFoundCount() {
        return unaligned.stream().filter(m -> m.reason() == UnalignedMention.Reason.NOT_IN_TEXT).count();
    }

    /** Mentions with a type outside the requested set. */
    public long rejectedTypeCount() {
        return unaligned.stream().filter(m -> m.reason() == UnalignedMention.Reason.TYPE_NOT_REQUESTED).count();
    }
}
