package io.github.meddistill.core.io;

import io.github.meddistill.core.EntityType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps the entity labels of a corpus file ({@code "SpecificDisease"}, {@code "Chemical"},
 * {@code "Condition"}) to {@link EntityType}s, and says what happens to labels without a mapping.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TypeMapping mapping = TypeMapping.builder()
 *         .map("Drug", EntityType.MEDICATION).map("Condition", EntityType.DISEASE)
 *         .unmapped(TypeMapping.Unmapped.SKIP).build();
 * }</pre>
 */
public final class TypeMapping {

    /** What to do with a label that has no explicit mapping. */
    public enum Unmapped {
        /** Use {@link EntityType#of(String)} of the label ({@code "Gene"} becomes {@code GENE}). */
        DERIVE,
        /** Drop the entity and count it as {@link ReadNotice.Kind#UNMAPPED_TYPE_SKIPPED}. */
        SKIP,
        /** Stop reading with a {@link CorpusFormatException}. */
        FAIL
    }

    private static final TypeMapping IDENTITY = builder().build();

    private static final TypeMapping BIOMEDICAL = builder()
            .map("Disease", EntityType.DISEASE)
            .map("SpecificDisease", EntityType.DISEASE)
            .map("DiseaseClass", EntityType.DISEASE)
            .map("Modifier", EntityType.DISEASE)
            .map("CompositeMention", EntityType.DISEASE)
            .map("Chemical", EntityType.MEDICATION)
            .build();

    private final Map<String, EntityType> labels;
    private final Unmapped unmapped;

    private TypeMapping(Builder builder) {
        this.labels = Map.copyOf(builder.labels);
        this.unmapped = builder.unmapped;
    }

    /** Every label becomes {@link EntityType#of(String)} of itself. */
    public static TypeMapping identity() {
        return IDENTITY;
    }

    /**
     * The mapping for NCBI-disease and BC5CDR: {@code Disease}, {@code SpecificDisease},
     * {@code DiseaseClass}, {@code Modifier} and {@code CompositeMention} to {@link EntityType#DISEASE},
     * {@code Chemical} to {@link EntityType#MEDICATION} (BC5CDR chemicals include non-drugs); other
     * labels {@linkplain Unmapped#DERIVE derived}.
     */
    public static TypeMapping biomedical() {
        return BIOMEDICAL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this mapping's entries and policy, to extend it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.labels.putAll(labels);
        builder.unmapped = unmapped;
        return builder;
    }

    /**
     * The type of {@code label}: its mapping, else by the {@link Unmapped} policy; empty means skip.
     *
     * @throws IllegalArgumentException if the label is unmapped under {@link Unmapped#FAIL}, or cannot
     *     be an entity type name under {@link Unmapped#DERIVE}
     */
    public Optional<EntityType> resolve(String label) {
        Objects.requireNonNull(label, "label");
        EntityType type = labels.get(label);
        if (type != null) {
            return Optional.of(type);
        }
        return switch (unmapped) {
            case DERIVE -> Optional.of(EntityType.of(label));
            case SKIP -> Optional.empty();
            case FAIL -> throw new IllegalArgumentException("no entity type mapped for label '" + label + "'; mapped: "
                    + labels.keySet().stream().sorted().toList());
        };
    }

    /** The explicit entries, label to type. */
    public Map<String, EntityType> labels() {
        return labels;
    }

    public Unmapped unmapped() {
        return unmapped;
    }

    @Override
    public String toString() {
        return "TypeMapping" + labels + ", unmapped=" + unmapped;
    }

    /** Collects label entries; {@link Unmapped#DERIVE} unless set. Not thread-safe. */
    public static final class Builder {

        private final Map<String, EntityType> labels = new LinkedHashMap<>();
        private Unmapped unmapped = Unmapped.DERIVE;

        private Builder() {
        }

        /** Maps {@code label} (matched exactly, case-sensitive) to {@code type}, replacing an earlier entry. */
        public Builder map(String label, EntityType type) {
            labels.put(Objects.requireNonNull(label, "label"), Objects.requireNonNull(type, "type"));
            return this;
        }

        public Builder unmapped(Unmapped policy) {
            this.unmapped = Objects.requireNonNull(policy, "unmapped");
            return this;
        }

        public TypeMapping build() {
            return new TypeMapping(this);
        }
    }
}
