package io.github.meddistill.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of named entity. The set is open: {@link #MEDICATION}, {@link #DISEASE} and
 * {@link #SYMPTOM} are predefined, and users make their own with {@link #of(String)}.
 *
 * <p>Names are canonicalised to upper case ({@code of("disease").equals(DISEASE)}) and must be a
 * letter followed by letters, digits, {@code _} or {@code -}, so that they survive BIO tags
 * ({@code B-DISEASE}), JSON keys and file names unchanged.
 */
public record EntityType(String name) implements Comparable<EntityType> {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Z][A-Z0-9_-]*");

    public static final EntityType MEDICATION = new EntityType("MEDICATION");
    public static final EntityType DISEASE = new EntityType("DISEASE");
    public static final EntityType SYMPTOM = new EntityType("SYMPTOM");

    public EntityType {
        Objects.requireNonNull(name, "name");
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("entity type name must be an upper-case letter followed by"
                    + " upper-case letters, digits, '_' or '-': name='" + name + "'");
        }
    }

    /** The entity type with this name, upper-cased; {@code of("Disease")} is {@link #DISEASE}. */
    public static EntityType of(String name) {
        Objects.requireNonNull(name, "name");
        return new EntityType(name.strip().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public int compareTo(EntityType other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
