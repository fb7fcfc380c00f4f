package io.github.meddistill.core.context;

import java.util.Locale;
import java.util.Objects;

/**
 * One ConText lexicon entry (Harkema et al., 2009): a phrase, the kind of entry, and the context it signals.
 *
 * <p>A {@link Kind#PRE} trigger such as {@code "denies"} modifies the entities after it, a {@link Kind#POST}
 * trigger such as {@code "is ruled out"} those before it, a {@link Kind#BOTH} trigger either side. A
 * {@link Kind#PSEUDO} trigger contains a trigger but means something else ({@code "no increase"}, {@code "not
 * only"}), so its words trigger nothing. A {@link Kind#TERMINATION} term ({@code "but"}, {@code "however"}) ends
 * the scope of the triggers of its category; {@link Category#ALL} applies to every category. A {@link Kind#PREFIX}
 * is written onto the word it modifies ({@code "non"} in "non-smoker", "non smoking", "nondiabetic") and modifies
 * only the entity that begins right after it.
 *
 * @param phrase the words, matched case-insensitively token by token (with the project's word tokenizer)
 * @param kind what the entry does
 * @param category the context it signals or ends; {@link Category#ALL} only for pseudo-triggers and terminations
 */
public record Trigger(String phrase, Kind kind, Category category) {

    /** What an entry does. */
    public enum Kind {
        /** Modifies entities after it, to the end of the sentence or a termination. */
        PRE,
        /** Modifies entities before it, back to the start of the sentence or a termination. */
        POST,
        /** Modifies entities on both sides. */
        BOTH,
        /** Looks like a trigger but is none; its words trigger nothing. */
        PSEUDO,
        /** Ends the scope of triggers of its category. */
        TERMINATION,
        /**
         * A word prefix: modifies the one entity that begins right after it, directly or after one hyphen or space,
         * when the prefix begins a word ("non-smoker"; not "canon smoker").
         */
        PREFIX
    }

    /** The context an entry signals. */
    public enum Category {
        NEGATED, UNCERTAIN, HYPOTHETICAL, HISTORICAL, FAMILY, OTHER_EXPERIENCER,
        /** Every category; only for pseudo-triggers and terminations. */
        ALL
    }

    public Trigger {
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(category, "category");
        phrase = phrase.strip().replaceAll("\\s+", " ");
        if (phrase.isEmpty()) {
            throw new IllegalArgumentException("trigger phrase must not be blank: kind=" + kind + ", category=" + category);
        }
        if (category == Category.ALL && kind != Kind.PSEUDO && kind != Kind.TERMINATION) {
            throw new IllegalArgumentException("category ALL is only for PSEUDO and TERMINATION entries: phrase='"
                    + phrase + "', kind=" + kind);
        }
    }

    /** Shorthand: {@code Trigger.of("denies", "PRE", "NEGATED")}, names case-insensitive. */
    public static Trigger of(String phrase, String kind, String category) {
        return new Trigger(phrase, Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT)),
                Category.valueOf(category.strip().toUpperCase(Locale.ROOT)));
    }
}
