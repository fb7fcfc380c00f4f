package io.github.meddistill.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects every invalid setting of a builder, so that {@code build()} throws one {@link IllegalArgumentException}
 * that lists them all instead of stopping at the first. Every MedDistill builder uses it; a custom teacher's or
 * trainer's builder can too.
 *
 * <pre>{@code
 * SettingsCheck check = SettingsCheck.of("the trainer");
 * check.positive("epochs", epochs).require(seed >= 0, "seed must not be negative: " + seed);
 * check.throwIfAny();   // "cannot build the trainer: epochs must be positive: 0; seed ... (2 problems)"
 * }</pre>
 *
 * <p>Not thread-safe: one check per {@code build()} call.
 */
public final class SettingsCheck {

    private final String subject;
    private final List<String> problems = new ArrayList<>();

    private SettingsCheck(String subject) {
        this.subject = subject;
    }

    /** A check for building {@code subject}, named in the message (e.g. {@code "the distillation"}). */
    public static SettingsCheck of(String subject) {
        return new SettingsCheck(Objects.requireNonNull(subject, "subject"));
    }

    /** Records {@code problem}, found by the caller's own checks. */
    public SettingsCheck add(String problem) {
        problems.add(Objects.requireNonNull(problem, "problem"));
        return this;
    }

    /** Records {@code problem} unless {@code valid}. */
    public SettingsCheck require(boolean valid, String problem) {
        return valid ? this : add(problem);
    }

    /** Records a problem unless {@code value} is above zero. */
    public SettingsCheck positive(String field, long value) {
        return require(value > 0, field + " must be positive: " + value);
    }

    /** Records a problem unless {@code value} is above zero. */
    public SettingsCheck positive(String field, double value) {
        return require(value > 0, field + " must be positive: " + value);
    }

    /** Records a problem unless {@code value} is zero or more. */
    public SettingsCheck notNegative(String field, double value) {
        return require(value >= 0, field + " must not be negative: " + value);
    }

    /** Records a problem unless {@code value} lies in {@code [min, max]}. */
    public SettingsCheck inRange(String field, double value, double min, double max) {
        return require(value >= min && value <= max, field + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** Records a problem when {@code value} is blank; {@code null} (not set) passes. */
    public SettingsCheck notBlankIfSet(String field, String value) {
        return require(value == null || !value.isBlank(), field + " must not be blank");
    }

    /** The problems found so far, in the order they were recorded. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Throws one exception that lists every problem, or returns when there is none.
     *
     * @throws IllegalArgumentException {@code "cannot build <subject>: a; b (2 problems)"}
     */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        String listed = String.join("; ", problems);
        throw new IllegalArgumentException("cannot build " + subject + ": "
                + (problems.size() == 1 ? listed : listed + " (" + problems.size() + " problems)"));
    }
}
