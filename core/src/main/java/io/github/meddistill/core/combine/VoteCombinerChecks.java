package io.github.meddistill.core.combine;

/** Argument checks shared by the vote rules. */
final class VoteCombinerChecks {

    private VoteCombinerChecks() {
    }

    static void requireSources(int sourceCount, int minimum, String rule) {
        if (sourceCount < minimum) {
            throw new IllegalArgumentException(rule + " needs at least " + minimum + " source(s): sources="
                    + sourceCount);
        }
    }
}
