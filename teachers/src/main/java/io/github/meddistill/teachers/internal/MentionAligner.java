package io.github.meddistill.teachers.internal;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.teachers.UnalignedMention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns returned mentions into character spans. A mention becomes every occurrence of its exact
 * string in the text; only if there is none, every case- and whitespace-insensitive occurrence
 * ({@code "Type 2  diabetes"} finds {@code "type 2 diabetes"}). Occurrences inside a longer word are
 * skipped ({@code "pain"} does not match in {@code "painful"}). Mentions that cannot be found and types
 * outside the requested set are returned as {@link UnalignedMention}s: never dropped, never guessed.
 * Immutable and thread-safe.
 */
public final class MentionAligner {

    private final Set<EntityType> types;

    public MentionAligner(Set<EntityType> types) {
        this.types = Set.copyOf(types);
    }

    /** The alignment of {@code mentions} in {@code text}, with spans shifted by {@code offset}. */
    public Alignment align(List<Mention> mentions, String text, int offset) {
        List<Entity> entities = new ArrayList<>();
        List<UnalignedMention> unaligned = new ArrayList<>();
        for (Mention mention : mentions) {
            EntityType type = typeOf(mention.type());
            if (type == null) {
                unaligned.add(new UnalignedMention(mention.text(), mention.type(), UnalignedMention.Reason.TYPE_NOT_REQUESTED));
                continue;
            }
            List<int[]> spans = mention.text().isBlank() ? List.of() : exact(text, mention.text());
            if (spans.isEmpty() && !mention.text().isBlank()) {
                spans = relaxed(text, mention.text());
            }
            if (spans.isEmpty()) {
                unaligned.add(new UnalignedMention(mention.text(), mention.type(), UnalignedMention.Reason.NOT_IN_TEXT));
            }
            for (int[] span : spans) {
                entities.add(new Entity(offset + span[0], offset + span[1], type, text.substring(span[0], span[1])));
            }
        }
        return new Alignment(List.copyOf(entities), List.copyOf(unaligned));
    }

    private EntityType typeOf(String name) {
        try {
            EntityType type = EntityType.of(name);
            return types.contains(type) ? type : null;
        } catch (IllegalArgumentException notATypeName) {
            return null;
        }
    }

    private static List<int[]> exact(String text, String mention) {
        List<int[]> spans = new ArrayList<>();
        for (int i = text.indexOf(mention); i >= 0; i = text.indexOf(mention, i + 1)) {
            if (atWordBoundaries(text, i, i + mention.length())) {
                spans.add(new int[] {i, i + mention.length()});
            }
        }
        return spans;
    }

    private static List<int[]> relaxed(String text, String mention) {
        String[] words = mention.strip().split("\\s+");
        StringBuilder regex = new StringBuilder();
        for (String word : words) {
            if (regex.length() > 0) {
                regex.append("\\s+");
            }
            regex.append(Pattern.quote(word.toLowerCase(Locale.ROOT)));
        }
        Matcher m = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        List<int[]> spans = new ArrayList<>();
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (atWordBoundaries(text, m.start(), m.end())) {
                spans.add(new int[] {m.start(), m.end()});
            }
            from = m.start() + 1;
        }
        return spans;
    }

    private static boolean atWordBoundaries(String text, int start, int end) {
        boolean startOk = start == 0 || !isWordChar(text.charAt(start)) || !isWordChar(text.charAt(start - 1));
        boolean endOk = end == text.length() || !isWordChar(text.charAt(end - 1)) || !isWordChar(text.charAt(end));
        return startOk && endOk;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Entities found and mentions that were not. */
    public record Alignment(List<Entity> entities, List<UnalignedMention> unaligned) {
    }
}
