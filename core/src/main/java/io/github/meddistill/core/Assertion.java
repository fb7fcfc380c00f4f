package io.github.meddistill.core;

import java.util.Objects;

/**
 * The assertion status of an entity mention: whether the note negates it, hedges it, states it as a hypothesis,
 * places it in the past, and whom it is about. Each field is {@link Flag#UNKNOWN} (or {@link Experiencer#UNKNOWN})
 * until something decides it, so an entity that no assertion step has seen says so instead of claiming
 * "affirmed": {@link #UNKNOWN}. A rule engine such as {@code io.github.meddistill.core.context.ContextEngine} sets
 * every field.
 *
 * @param negated whether the mention is negated ("denies chest pain")
 * @param uncertain whether it is hedged ("possible pneumonia", "cannot rule out sepsis")
 * @param hypothetical whether it is conditional or planned ("return if fever develops")
 * @param historical whether it lies in the past ("history of MI")
 * @param experiencer whom it is about ("mother had breast cancer": {@link Experiencer#FAMILY})
 */
public record Assertion(Flag negated, Flag uncertain, Flag hypothetical, Flag historical, Experiencer experiencer) {

    /** Nothing decided. */
    public static final Assertion UNKNOWN = new Assertion(Flag.UNKNOWN, Flag.UNKNOWN, Flag.UNKNOWN, Flag.UNKNOWN,
            Experiencer.UNKNOWN);

    /** Decided, and nothing found: present, certain, actual, recent, about the patient. */
    public static final Assertion AFFIRMED = new Assertion(Flag.NO, Flag.NO, Flag.NO, Flag.NO, Experiencer.PATIENT);

    /** A yes/no field that may be undecided. */
    public enum Flag {
        YES, NO, UNKNOWN;

        /** {@link #YES} for true, {@link #NO} for false. */
        public static Flag of(boolean value) {
            return value ? YES : NO;
        }

        /** Whether this is {@link #YES}. */
        public boolean isYes() {
            return this == YES;
        }
    }

    /** Whom a mention is about. */
    public enum Experiencer {
        PATIENT, FAMILY, OTHER, UNKNOWN
    }

    public Assertion {
        Objects.requireNonNull(negated, "negated");
        Objects.requireNonNull(uncertain, "uncertain");
        Objects.requireNonNull(hypothetical, "hypothetical");
        Objects.requireNonNull(historical, "historical");
        Objects.requireNonNull(experiencer, "experiencer");
    }

    /**
     * Whether the mention is decided to be a present, certain, actual finding about the patient: not negated,
     * uncertain or hypothetical, and experienced by the patient. Historical mentions count as affirmed (the patient
     * had them). False while any of those fields is unknown.
     */
    public boolean isAffirmed() {
        return negated == Flag.NO && uncertain == Flag.NO && hypothetical == Flag.NO
                && experiencer == Experiencer.PATIENT;
    }

    /** Whether no field is decided. */
    public boolean isUnknown() {
        return equals(UNKNOWN);
    }
}
