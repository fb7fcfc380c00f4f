package io.github.meddistill.core.text;

import java.util.Objects;

/**
 * An abbreviation defined in a text, as in {@code "familial adenomatous polyposis (FAP)"}: the long form's span and
 * the short form's span (inside the brackets), both {@code [start, end)} character offsets into that text.
 *
 * @param shortForm the short form's text, e.g. {@code "FAP"}
 */
public record Abbreviation(int longStart, int longEnd, int shortStart, int shortEnd, String shortForm) {

    public Abbreviation {
        Objects.requireNonNull(shortForm, "shortForm");
        if (longStart < 0 || longStart >= longEnd || longEnd > shortStart || shortStart >= shortEnd) {
            throw new IllegalArgumentException("spans must satisfy 0 <= longStart < longEnd <= shortStart < shortEnd:"
                    + " longStart=" + longStart + ", longEnd=" + longEnd + ", shortStart=" + shortStart
                    + ", shortEnd=" + shortEnd);
        }
        if (shortForm.length() != shortEnd - shortStart) {
            throw new IllegalArgumentException("shortForm length must equal shortEnd - shortStart: shortStart="
                    + shortStart + ", shortEnd=" + shortEnd + ", shortForm length=" + shortForm.length());
        }
    }
}
