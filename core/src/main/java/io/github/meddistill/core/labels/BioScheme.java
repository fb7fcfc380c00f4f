package io.github.meddistill.core.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * BIO (IOB2) tagging: {@code B-TYPE} on the first token of an entity, {@code I-TYPE} on the
 * following ones, {@code O} outside. Immutable and thread-safe; use {@link LabelSchemes#BIO}.
 *
 * <p><b>Validity:</b> {@code I-X} must follow {@code B-X} or {@code I-X}.
 * <p><b>Repair</b> (also applied by {@link #decode}): an {@code I-X} that does not follow
 * {@code B-X} or {@code I-X} starts a new entity and becomes {@code B-X}; everything else is kept.
 * This also reads IOB1 files, where {@code I-} opens an entity, correctly.
 * <p><b>Encoding:</b> an entity covers every token it overlaps, so an entity boundary inside a token
 * widens to the token's boundary; entities that overlap an already encoded one are skipped, the
 * longest first (a flat tag sequence cannot hold nesting), and so is an entity that covers no token
 * (only whitespace).
 */
public final class BioScheme extends AbstractLabelScheme {

    static final BioScheme INSTANCE = new BioScheme();

    private BioScheme() {
    }

    @Override
    public String name() {
        return "BIO";
    }

    @Override
    String prefixes() {
        return "BI";
    }

    @Override
    void write(TagChunk chunk, String[] tags) {
        String type = chunk.type().name();
        tags[chunk.first()] = "B-" + type;
        for (int i = chunk.first() + 1; i <= chunk.last(); i++) {
            tags[i] = "I-" + type;
        }
    }

    @Override
    List<TagChunk> lenientChunks(List<ParsedTag> tags) {
        List<TagChunk> chunks = new ArrayList<>();
        TagChunk open = null;
        for (int i = 0; i < tags.size(); i++) {
            ParsedTag tag = tags.get(i);
            boolean continues = tag.prefix() == 'I' && open != null && open.type().equals(tag.type());
            if (continues) {
                open = new TagChunk(open.type(), open.first(), i);
                continue;
            }
            if (open != null) {
                chunks.add(open);
            }
            open = tag.type() == null ? null : new TagChunk(tag.type(), i, i);
        }
        if (open != null) {
            chunks.add(open);
        }
        return chunks;
    }

    @Override
    boolean allowsParsed(ParsedTag previous, ParsedTag next) {
        return next == null || next.prefix() != 'I' || previous != null && next.type().equals(previous.type());
    }

    @Override
    boolean isValidSequence(List<ParsedTag> tags) {
        ParsedTag previous = ParsedTag.OUTSIDE;
        for (ParsedTag tag : tags) {
            if (tag.prefix() == 'I' && !tag.type().equals(previous.type())) {
                return false;
            }
            previous = tag;
        }
        return true;
    }
}
