package io.github.meddistill.core.labels;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.text.Token;
import java.util.Collection;
import java.util.List;

/**
 * A sequence codec between entity spans and one tag per word token (after OpenNLP's
 * {@code SequenceCodec}). BIO and BILOU are two implementations. Implementations are immutable
 * and thread-safe.
 */
public interface LabelScheme {

    /** The tag of tokens outside every entity. */
    String OUTSIDE = "O";

    /** Short name, e.g. {@code "BIO"}; stored with saved models. */
    String name();

    /**
     * Every tag this scheme can produce for the given types, {@link #OUTSIDE} first, then the types in
     * their natural order; a stable order, used as the label index of a model.
     */
    List<String> tags(Collection<EntityType> types);

    /**
     * One tag per token. An entity covers the tokens that overlap its span; entities that overlap an
     * already encoded one are skipped (longest first), since a flat tag sequence cannot hold nesting.
     */
    List<String> encode(List<Entity> entities, List<Token> tokens);

    /**
     * Entities from tags, with spans from the first to the last token of each entity, taken from
     * {@code text}. Invalid sequences are first {@linkplain #repair(List) repaired}.
     */
    List<Entity> decode(List<String> tags, List<Token> tokens, String text);

    /** Whether every tag is known and every transition legal in this scheme. */
    boolean isValid(List<String> tags);

    /** A valid sequence close to {@code tags}; the rules are documented by each implementation. */
    List<String> repair(List<String> tags);

    /**
     * Whether {@code next} may directly follow {@code previous} in a valid sequence, for decoders that search
     * only valid sequences. {@code previous} is {@code null} at the start of a sequence and {@code next} is
     * {@code null} at its end. The default allows every transition.
     */
    default boolean allows(String previous, String next) {
        return true;
    }

    /**
     * Whether {@code next} directly after {@code previous} begins a second entity of the type {@code previous} is
     * part of, so that two mentions of one type would touch with no outside token between them. Legal in BIO and
     * BILOU but almost absent from gold annotation, which lets a decoder rule it out. The default says no.
     */
    default boolean startsTouchingEntity(String previous, String next) {
        return false;
    }
}
