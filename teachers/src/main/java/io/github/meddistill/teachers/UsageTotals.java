package io.github.meddistill.teachers;

import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import java.util.Objects;

/**
 * Running totals of a teacher (since it was built) or of one run.
 *
 * @param notes notes finished, labelled or failed
 * @param failedNotes notes that ended in a failure
 * @param paidRequests requests the provider answered with HTTP 200 (batch answers included)
 * @param cachedAnswers chunk answers served from the on-disk cache
 * @param invalidAnswers answers that were cut off, refused, not JSON or broke the schema
 * @param unfoundMentions mentions that do not occur in their note
 * @param rejectedMentions mentions of a type that was not requested
 * @param usage tokens billed for paid requests
 * @param costUsd dollars for paid requests
 * @param latency summed per-note latency (notes run in parallel, so this exceeds wall time)
 */
public record UsageTotals(long notes, long failedNotes, long paidRequests, long cachedAnswers, long invalidAnswers,
                          long unfoundMentions, long rejectedMentions, TokenUsage usage, double costUsd,
                          Duration latency) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0, TokenUsage.ZERO, 0, Duration.ZERO);

    public UsageTotals {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
    }

    /** Mean dollars per finished note; 0 when there is none. */
    public double costPerNote() {
        return notes == 0 ? 0 : costUsd / notes;
    }

    /** Mean latency per finished note; zero when there is none. */
    public Duration latencyPerNote() {
        return notes == 0 ? Duration.ZERO : latency.dividedBy(notes);
    }

    /** These totals plus one note's result. */
    public UsageTotals plus(NoteResult result) {
        NoteReport r = result.report();
        boolean invalid = result.failure().filter(InvalidAnswerException.class::isInstance).isPresent();
        return new UsageTotals(notes + 1, failedNotes + (result.isLabelled() ? 0 : 1), paidRequests + r.paidRequests(),
                cachedAnswers + r.cachedAnswers(), invalidAnswers + (invalid ? 1 : 0),
                unfoundMentions + r.notFoundCount(), rejectedMentions + r.rejectedTypeCount(),
                usage.plus(r.usage()), costUsd + r.costUsd(), latency.plus(r.latency()));
    }
}
