package io.github.meddistill.core.labels;

import io.github.meddistill.core.EntityType;
import java.util.List;

/** A tag split into its one-letter prefix and entity type; {@link LabelScheme#OUTSIDE} has neither. */
record ParsedTag(char prefix, EntityType type) {

    static final ParsedTag OUTSIDE = new ParsedTag('O', null);

    /**
     * Parses {@code tag} (position {@code index} in its sequence) with a prefix from {@code prefixes}.
     *
     * @throws IllegalArgumentException naming the position, the tag and the expected form
     */
    static ParsedTag parse(String tag, int index, String prefixes, String schemeName) {
        if (tag == null) {
            throw new IllegalArgumentException("tag at position " + index + " is null");
        }
        if (tag.equals(LabelScheme.OUTSIDE)) {
            return OUTSIDE;
        }
        if (tag.length() < 3 || tag.charAt(1) != '-' || prefixes.indexOf(tag.charAt(0)) < 0) {
            throw new IllegalArgumentException(schemeName + " tag at position " + index + " must be 'O' or one of '"
                    + String.join("-', '", List.of(prefixes.split(""))) + "-' followed by an entity type: tag='" + tag + "'");
        }
        try {
            return new ParsedTag(tag.charAt(0), new EntityType(tag.substring(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(schemeName + " tag at position " + index + " has an invalid entity type: tag='"
                    + tag + "'", e);
        }
    }
}
