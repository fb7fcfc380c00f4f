package io.github.meddistill.eval;

import io.github.meddistill.core.EntityType;
import java.util.Map;

/**
 * Bootstrap confidence intervals of one system's scores, by match mode.
 *
 * @param system the system's name
 * @param confidenceLevel e.g. 0.95
 * @param resamples number of bootstrap resamples
 * @param seed the random seed the resamples came from
 * @param micro intervals of the micro scores, by mode
 * @param macro intervals of the macro scores, by mode
 * @param perType intervals per entity type, by mode
 */
public record BootstrapIntervals(String system, double confidenceLevel, int resamples, long seed,
                                 Map<MatchMode, ScoreIntervals> micro, Map<MatchMode, ScoreIntervals> macro,
                                 Map<MatchMode, Map<EntityType, ScoreIntervals>> perType) {

    public BootstrapIntervals {
        micro = Map.copyOf(micro);
        macro = Map.copyOf(macro);
        perType = Map.copyOf(perType);
    }

    /** The intervals of one type, or of nothing if the type was not scored. */
    public java.util.Optional<ScoreIntervals> of(MatchMode mode, EntityType type) {
        return java.util.Optional.ofNullable(perType.get(mode).get(type));
    }
}
