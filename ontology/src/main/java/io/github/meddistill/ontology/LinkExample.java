package io.github.meddistill.ontology;

import java.util.Objects;

/**
 * A coder's earlier decision that a mention text names a code: how an annotated corpus, a coding team's history or a
 * registry's reviewed mentions teach a {@link ConceptLinker} the names its lexicons lack ("AT" for ataxia
 * telangiectasia, "inherited disorder" for a genetic disease).
 *
 * @param text the mention as it was written (e.g. {@code "breast tumours"})
 * @param code a loaded concept's id (e.g. {@code "DOID:1612"}), the same prefixed with its source (e.g.
 *             {@code "RXNORM:1191"}), or one of the cross-references the loaded concepts carry (e.g.
 *             {@code "MESH:D001943"}, {@code "OMIM:114480"})
 */
public record LinkExample(String text, String code) {

    public LinkExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(code, "code");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a link example's text must not be blank: code=" + code);
        }
        if (code.isBlank() || !code.strip().equals(code)) {
            throw new IllegalArgumentException("a link example's code must be non-blank without surrounding spaces:"
                    + " text='" + text + "', code='" + code + "'");
        }
    }
}
