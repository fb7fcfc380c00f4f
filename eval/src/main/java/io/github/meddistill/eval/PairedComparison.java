package io.github.meddistill.eval;

import io.github.meddistill.core.EntityType;
import java.util.Map;

/**
 * Paired bootstrap tests of system A against system B on the same documents, with the same
 * resamples for both systems.
 *
 * @param systemA name of A
 * @param systemB name of B
 * @param resamples number of bootstrap resamples
 * @param seed the random seed
 * @param micro the test on micro F1, by mode
 * @param perType the tests per entity type both systems were scored on, by mode
 */
public record PairedComparison(String systemA, String systemB, int resamples, long seed, Map<MatchMode, PairedTest> micro,
                               Map<MatchMode, Map<EntityType, PairedTest>> perType) {

    public PairedComparison {
        micro = Map.copyOf(micro);
        perType = Map.copyOf(perType);
    }
}
