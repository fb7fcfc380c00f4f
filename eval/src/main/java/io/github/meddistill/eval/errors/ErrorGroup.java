package io.github.meddistill.eval.errors;

import io.github.meddistill.core.EntityType;
import java.util.List;

/**
 * The errors of one kind and type that share a surface form (case and whitespace folded), e.g. all
 * missed "Breast  Cancer" / "breast cancer" mentions.
 *
 * @param type the entity type
 * @param kind false positives or false negatives
 * @param surfaceForm the folded text shared by the group
 * @param count how many errors the group has
 * @param examples the first few occurrences, in document order
 */
public record ErrorGroup(EntityType type, ErrorKind kind, String surfaceForm, int count, List<ErrorExample> examples) {

    public ErrorGroup {
        examples = List.copyOf(examples);
    }
}
