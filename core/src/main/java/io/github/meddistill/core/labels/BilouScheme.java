package io.github.meddistill.core.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * BILOU tagging: {@code U-TYPE} on a one-token entity; {@code B-TYPE}, {@code I-TYPE} ...,
 * {@code L-TYPE} on longer ones; {@code O} outside. Immutable and thread-safe; use
 * {@link LabelSchemes#BILOU}.
 *
 * <p><b>Validity:</b> after {@code B-X} or {@code I-X} only {@code I-X} or {@code L-X} may follow;
 * anywhere else only {@code O}, {@code B-} or {@code U-}; the sequence must not end inside an entity.
 * <p><b>Repair</b> (also applied by {@link #decode}), analogous to BIO: the sequence is read
 * leniently and written again. {@code B-X} and {@code U-X} always start an entity; {@code I-X} and
 * {@code L-X} continue an open entity of type {@code X} and otherwise start a new one; {@code L-X}
 * and {@code U-X} close the entity, and so do {@code O}, the start of another entity and the end of
 * the sequence. So {@code I-X} without a preceding {@code B-X}/{@code I-X} becomes {@code B-X} (or
 * {@code U-X} when alone), an unclosed {@code B-X I-X} becomes {@code B-X L-X}, and a lone
 * {@code B-X} becomes {@code U-X}.
 * <p><b>Encoding:</b> as {@link BioScheme}: overlapping tokens are covered, longest entity first.
 */
public final class BilouScheme extends AbstractLabelScheme {

    static final BilouScheme INSTANCE = new BilouScheme();

    private BilouScheme() {
    }

    @Override
    public String name() {
        return "BILOU";
    }

    @Override
    String prefixes() {
        return "BILU";
    }

    @Override
    void write(TagChunk chunk, String[] tags) {
        String type = chunk.type().name();
        if (chunk.first() == chunk.last()) {
            tags[chunk.first()] = "U-" + type;
            return;
        }
        tags[chunk.first()] = "B-" + type;
        for (int i = chunk.first() + 1; i < chunk.last(); i++) {
            tags[i] = "I-" + type;
        }
        tags[chunk.last()] = "L-" + type;
    }

    @Override
    List<TagChunk> lenientChunks(List<ParsedTag> tags) {
        List<TagChunk> chunks = new ArrayList<>();
        TagChunk open = null;
        for (int i = 0; i < tags.size(); i++) {
            ParsedTag tag = tags.get(i);
            char prefix = tag.prefix();
            boolean continues = (prefix == 'I' || prefix == 'L') && open != null && open.type().equals(tag.type());
            if (continues) {
                open = new TagChunk(open.type(), open.first(), i);
            } else {
                if (open != null) {
                    chunks.add(open);
                }
                open = tag.type() == null ? null : new TagChunk(tag.type(), i, i);
            }
            if (open != null && (prefix == 'L' || prefix == 'U')) {
                chunks.add(open);
                open = null;
            }
        }
        if (open != null) {
            chunks.add(open);
        }
        return chunks;
    }

    @Override
    boolean allowsParsed(ParsedTag previous, ParsedTag next) {
        boolean open = previous != null && (previous.prefix() == 'B' || previous.prefix() == 'I');
        if (next == null) {
            return !open;
        }
        boolean inside = next.prefix() == 'I' || next.prefix() == 'L';
        return inside ? open && next.type().equals(previous.type()) : !open;
    }

    @Override
    boolean isValidSequence(List<ParsedTag> tags) {
        ParsedTag open = null;
        for (ParsedTag tag : tags) {
            char prefix = tag.prefix();
            boolean inside = prefix == 'I' || prefix == 'L';
            if (inside != (open != null) || inside && !open.type().equals(tag.type())) {
                return false;
            }
            open = prefix == 'B' || prefix == 'I' ? tag : null;
        }
        return open == null;
    }
}
