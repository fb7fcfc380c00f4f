package io.github.meddistill.core.labels;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.text.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What BIO and BILOU share: mapping entity spans onto tokens and chunks back onto spans. The
 * schemes differ only in how a chunk is written as tags, in which sequences are valid, and in how an
 * invalid sequence is read leniently (which is what {@link #repair(List)} re-encodes).
 */
abstract sealed class AbstractLabelScheme implements LabelScheme permits BioScheme, BilouScheme {

    /** Longest entity first, so that a nested entity loses against the one containing it. */
    private static final Comparator<Entity> ENCODING_ORDER = Comparator.comparingInt(Entity::length).reversed()
            .thenComparing(Entity.DOCUMENT_ORDER);

    /** The one-letter prefixes of this scheme, e.g. {@code "BI"}. */
    abstract String prefixes();

    /** Writes one chunk into {@code tags}. */
    abstract void write(TagChunk chunk, String[] tags);

    /** The entities a possibly invalid, already parsed sequence describes, read leniently. */
    abstract List<TagChunk> lenientChunks(List<ParsedTag> tags);

    /** Whether the parsed sequence is valid in this scheme. */
    abstract boolean isValidSequence(List<ParsedTag> tags);

    /** As {@link #allows(String, String)}, on parsed tags; {@code null} for the start or the end. */
    abstract boolean allowsParsed(ParsedTag previous, ParsedTag next);

    @Override
    public boolean allows(String previous, String next) {
        return allowsParsed(previous == null ? null : ParsedTag.parse(previous, 0, prefixes(), name()),
                next == null ? null : ParsedTag.parse(next, 1, prefixes(), name()));
    }

    @Override
    public boolean startsTouchingEntity(String previous, String next) {
        ParsedTag before = ParsedTag.parse(previous, 0, prefixes(), name());
        ParsedTag after = ParsedTag.parse(next, 1, prefixes(), name());
        return before.type() != null && before.type().equals(after.type())
                && (after.prefix() == 'B' || after.prefix() == 'U');
    }

    @Override
    public List<String> tags(Collection<EntityType> types) {
        List<String> tags = new ArrayList<>();
        tags.add(OUTSIDE);
        for (EntityType type : new TreeSet<>(types)) {
            for (char prefix : prefixes().toCharArray()) {
                tags.add(prefix + "-" + type.name());
            }
        }
        return List.copyOf(tags);
    }

    @Override
    public List<String> encode(List<Entity> entities, List<Token> tokens) {
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(tokens, "tokens");
        checkTokenOrder(tokens);
        boolean[] taken = new boolean[tokens.size()];
        List<TagChunk> chunks = new ArrayList<>();
        for (Entity entity : entities.stream().sorted(ENCODING_ORDER).toList()) {
            int first = firstTokenEndingAfter(tokens, entity.start());
            int last = first - 1;
            while (last + 1 < tokens.size() && tokens.get(last + 1).start() < entity.end()) {
                last++;
            }
            if (last < first || anyTaken(taken, first, last)) {
                continue;
            }
            Arrays.fill(taken, first, last + 1, true);
            chunks.add(new TagChunk(entity.type(), first, last));
        }
        String[] tags = new String[tokens.size()];
        Arrays.fill(tags, OUTSIDE);
        chunks.forEach(chunk -> write(chunk, tags));
        return List.of(tags);
    }

    @Override
    public List<Entity> decode(List<String> tags, List<Token> tokens, String text) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(text, "text");
        if (tags.size() != tokens.size()) {
            throw new IllegalArgumentException("need one tag per token: tags=" + tags.size() + ", tokens=" + tokens.size());
        }
        List<Entity> entities = new ArrayList<>();
        for (TagChunk chunk : lenientChunks(parse(tags))) {
            entities.add(Entity.of(text, tokens.get(chunk.first()).start(), tokens.get(chunk.last()).end(), chunk.type()));
        }
        return List.copyOf(entities);
    }

    @Override
    public boolean isValid(List<String> tags) {
        Objects.requireNonNull(tags, "tags");
        List<ParsedTag> parsed = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            try {
                parsed.add(ParsedTag.parse(tags.get(i), i, prefixes(), name()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return isValidSequence(parsed);
    }

    @Override
    public List<String> repair(List<String> tags) {
        String[] repaired = new String[tags.size()];
        Arrays.fill(repaired, OUTSIDE);
        lenientChunks(parse(tags)).forEach(chunk -> write(chunk, repaired));
        return List.of(repaired);
    }

    @Override
    public String toString() {
        return name();
    }

    private List<ParsedTag> parse(List<String> tags) {
        Objects.requireNonNull(tags, "tags");
        List<ParsedTag> parsed = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            parsed.add(ParsedTag.parse(tags.get(i), i, prefixes(), name()));
        }
        return parsed;
    }

    private static void checkTokenOrder(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).start() < tokens.get(i - 1).end()) {
                throw new IllegalArgumentException("tokens must be in text order without overlap: token " + (i - 1)
                        + " ends at " + tokens.get(i - 1).end() + ", token " + i + " starts at " + tokens.get(i).start());
            }
        }
    }

    /** Index of the first token whose end lies after {@code offset} (tokens.size() if none). */
    private static int firstTokenEndingAfter(List<Token> tokens, int offset) {
        int low = 0;
        int high = tokens.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (tokens.get(middle).end() <= offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static boolean anyTaken(boolean[] taken, int first, int last) {
        for (int i = first; i <= last; i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }
}
