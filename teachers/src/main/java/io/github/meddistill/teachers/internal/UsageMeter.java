package io.github.meddistill.teachers.internal;

import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.NoteResult;
import io.github.meddistill.teachers.Price;
import io.github.meddistill.teachers.UsageTotals;

/**
 * A teacher's running totals: tokens and dollars as each paid answer arrives, and the totals of every finished
 * note. Thread-safe.
 */
public final class UsageMeter {

    private UsageTotals totals = UsageTotals.ZERO;
    private TokenUsage spentTokens = TokenUsage.ZERO;
    private double spentUsd;

    /** Counts one paid answer at {@code price}. */
    public synchronized void spent(TokenUsage usage, Price price) {
        spentTokens = spentTokens.plus(usage);
        spentUsd += price.cost(usage);
    }

    /** Counts one finished note. */
    public synchronized void finished(NoteResult result) {
        totals = totals.plus(result);
    }

    public synchronized UsageTotals totals() {
        return totals;
    }

    public synchronized TokenUsage tokens() {
        return spentTokens;
    }

    public synchronized double costUsd() {
        return spentUsd;
    }
}
