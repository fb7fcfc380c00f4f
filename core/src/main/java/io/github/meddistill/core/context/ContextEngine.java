package io.github.meddistill.core.context;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityEnricher;
import io.github.meddistill.core.context.Trigger.Category;
import io.github.meddistill.core.context.Trigger.Kind;
import io.github.meddistill.core.text.SentenceSplitter;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides the {@link Assertion} of entity mentions with the ConText algorithm (Harkema, Dowling, Thornblade and
 * Chapman, 2009, "ConText: an algorithm for determining negation, experiencer, and temporal status from clinical
 * reports", J Biomed Inform 42(5)).
 *
 * <p>The note is split into sentences ({@link SentenceSplitter} over {@link WordTokenizer} tokens); every trigger
 * acts only inside its sentence. In each sentence, trigger phrases are found left to right, longest first; a
 * pseudo-trigger found there consumes its words, so {@code "no increase"} negates nothing. A {@link Kind#PRE}
 * trigger's scope runs from after it to the end of the sentence, a {@link Kind#POST} trigger's from the start of
 * the sentence to before it; either stops early at a termination term of its category (or {@link Category#ALL}),
 * at a line break (unless {@link Builder#lineBreaksEndScopes(boolean)} is false), and, when
 * {@link Builder#maxScopeTokens(int)} is set, after that many tokens. An entity is modified when a scope
 * overlaps it and the trigger lies outside the entity; with {@link Builder#maxTargets(int)} only that many
 * entities nearest the trigger are. A {@link Kind#PREFIX} entry ({@code "non"}) modifies only the entity written
 * right after it ("non-smoker", "nondiabetic"), whatever the scope settings. Every field of the result is decided: a
 * mention that no trigger reaches is not negated, certain, actual, recent and about the patient; a mention in scope
 * of a {@link Category#FAMILY} trigger has experiencer {@code FAMILY}, of an {@link Category#OTHER_EXPERIENCER}
 * trigger {@code OTHER} (family wins when both apply).
 *
 * <p>The default lexicon ({@link TriggerFiles#defaults()}) was written for MedDistill from the paper's definitions
 * and its category examples; users add and remove entries with the builder. Immutable and thread-safe.
 *
 * <pre>{@code
 * ContextEngine context = ContextEngine.builder().removeTrigger("history").addTrigger(Trigger.of("r/o", "PRE", "UNCERTAIN")).build();
 * List<Entity> withStatus = context.apply(note, student.extract(note));
 * }</pre>
 */
public final class ContextEngine implements EntityEnricher {

    private static final WordTokenizer TOKENIZER = new WordTokenizer();
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();

    /** Phrase (lower-cased tokens joined by a space) to its entries. */
    private final Map<String, List<Trigger>> byPhrase;
    /** Per first token, the token counts of the phrases starting with it, longest first. */
    private final Map<String, int[]> lengthsByFirstToken;
    private final int maxScopeTokens;
    private final boolean lineBreaksEndScopes;
    private final int maxTargets;
    private final List<Trigger> triggers;
    /** The {@link Kind#PREFIX} entries, which are matched on characters, not tokens. */
    private final List<Trigger> prefixes;

    private ContextEngine(Builder builder) {
        this.triggers = List.copyOf(builder.triggers);
        this.maxScopeTokens = builder.maxScopeTokens;
        this.lineBreaksEndScopes = builder.lineBreaksEndScopes;
        this.maxTargets = builder.maxTargets;
        Map<String, List<Trigger>> phrases = new HashMap<>();
        Map<String, Set<Integer>> lengths = new HashMap<>();
        List<Trigger> prefixEntries = new ArrayList<>();
        for (Trigger trigger : triggers) {
            if (trigger.kind() == Kind.PREFIX) {
                prefixEntries.add(trigger);
                continue;
            }
            List<String> words = words(trigger.phrase());
            if (words.isEmpty()) {
                continue;
            }
            phrases.computeIfAbsent(String.join(" ", words), k -> new ArrayList<>()).add(trigger);
            lengths.computeIfAbsent(words.get(0), k -> new LinkedHashSet<>()).add(words.size());
        }
        Map<String, int[]> sorted = new HashMap<>();
        lengths.forEach((first, set) -> sorted.put(first,
                set.stream().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray()));
        this.byPhrase = Map.copyOf(phrases);
        this.lengthsByFirstToken = Map.copyOf(sorted);
        this.prefixes = List.copyOf(prefixEntries);
    }

    /**
     * Scope settings for a kind of text, set with {@link Builder#profile(Profile)}. The engine never guesses the kind:
     * an eligibility criterion and a clinical note sentence look alike to a rule engine, so the caller chooses.
     */
    public enum Profile {
        /** Every entity in a trigger's scope, to the end of the sentence or line (the defaults; ConText as published). */
        CLINICAL_NOTES(0, 0),
        /**
         * Eligibility criteria: a cue modifies the one nearest entity within five tokens ({@code maxTargets(1)},
         * {@code maxScopeTokens(5)}). Chosen on the Chia train split: negated F1 0.811 against 0.627 for
         * {@link #CLINICAL_NOTES} (the Chia annotators link a cue to one mention of a list); scope lengths 3 to 10
         * were within 0.01 of five.
         */
        ELIGIBILITY_CRITERIA(1, 5);

        private final int maxTargets;
        private final int maxScopeTokens;

        Profile(int maxTargets, int maxScopeTokens) {
            this.maxTargets = maxTargets;
            this.maxScopeTokens = maxScopeTokens;
        }
    }

    /** A builder holding the default lexicon ({@link TriggerFiles#defaults()}) and no scope limit. */
    public static Builder builder() {
        return new Builder(TriggerFiles.defaults());
    }

    /** The engine with the default lexicon. */
    public static ContextEngine defaults() {
        return builder().build();
    }

    /** The lexicon in use, in the order it was given. */
    public List<Trigger> triggers() {
        return triggers;
    }

    /**
     * The entities of {@code text} with their assertion decided, in input order.
     *
     * @throws IllegalArgumentException if an entity's span lies outside {@code text} or its text is not the text
     *                                  there
     */
    public List<Entity> apply(String text, List<Entity> entities) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(entities, "entities");
        for (Entity entity : entities) {
            requireInText(text, entity);
        }
        if (entities.isEmpty()) {
            return List.of();
        }
        List<Token> tokens = TOKENIZER.tokenize(text);
        List<Integer> starts = SPLITTER.sentenceStarts(text, tokens);
        List<Scope> scopes = new ArrayList<>();
        for (int s = 0; s < starts.size(); s++) {
            int from = starts.get(s);
            int to = s + 1 < starts.size() ? starts.get(s + 1) : tokens.size();
            int lineStart = from;
            for (int i = from + 1; lineBreaksEndScopes && i < to; i++) {
                if (hasLineBreak(text, tokens.get(i - 1).end(), tokens.get(i).start())) {
                    scopes(tokens, lineStart, i, scopes);
                    lineStart = i;
                }
            }
            scopes(tokens, lineStart, to, scopes);
        }
        List<Set<Category>> found = new ArrayList<>(entities.size());
        for (int e = 0; e < entities.size(); e++) {
            found.add(EnumSet.noneOf(Category.class));
        }
        List<Integer> targets = new ArrayList<>();
        for (Scope scope : scopes) {
            targets.clear();
            for (int e = 0; e < entities.size(); e++) {
                Entity entity = entities.get(e);
                boolean overlaps = scope.start < entity.end() && entity.start() < scope.end;
                boolean triggerInside = scope.triggerStart < entity.end() && entity.start() < scope.triggerEnd;
                if (overlaps && !triggerInside) {
                    targets.add(e);
                }
            }
            if (maxTargets > 0 && targets.size() > maxTargets) {
                targets.sort(java.util.Comparator.comparingInt((Integer e) -> distance(scope, entities.get(e)))
                        .thenComparingInt(e -> e));
                targets.subList(maxTargets, targets.size()).clear();
            }
            for (int e : targets) {
                found.get(e).add(scope.category);
            }
        }
        for (int e = 0; e < entities.size(); e++) {
            for (Trigger prefix : prefixes) {
                if (isPrefixed(text, entities.get(e).start(), prefix.phrase())) {
                    found.get(e).add(prefix.category());
                }
            }
        }
        List<Entity> result = new ArrayList<>(entities.size());
        for (int e = 0; e < entities.size(); e++) {
            result.add(entities.get(e).withAssertion(assertion(found.get(e))));
        }
        return List.copyOf(result);
    }

    /** {@link #apply(String, List)}: the entities with their assertion decided. */
    @Override
    public List<Entity> enrich(String text, List<Entity> entities) {
        return apply(text, entities);
    }

    /** The annotation with every entity's assertion decided. */
    public Annotation apply(Annotation annotation) {
        return new Annotation(annotation.document(), apply(annotation.document().text(), annotation.entities()),
                annotation.source());
    }

    /**
     * Whether {@code prefix} ends right before {@code start}, or before one hyphen or space there, and begins a word.
     */
    private static boolean isPrefixed(String text, int start, String prefix) {
        int end = start;
        if (end > 0 && (text.charAt(end - 1) == '-' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        int begin = end - prefix.length();
        return begin >= 0 && text.regionMatches(true, begin, prefix, 0, prefix.length())
                && (begin == 0 || !Character.isLetterOrDigit(text.charAt(begin - 1)));
    }

    private static boolean hasLineBreak(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void requireInText(String text, Entity entity) {
        if (entity.end() > text.length() || !text.regionMatches(entity.start(), entity.text(), 0, entity.length())) {
            throw new IllegalArgumentException("entity is not in the text: start=" + entity.start() + ", end="
                    + entity.end() + ", entity text='" + entity.text() + "', text length=" + text.length()
                    + (entity.end() <= text.length() ? ", text there='" + text.substring(entity.start(), entity.end())
                    + "'" : ""));
        }
    }

    /** Characters between the trigger and the entity. */
    private static int distance(Scope scope, Entity entity) {
        return entity.start() >= scope.triggerEnd ? entity.start() - scope.triggerEnd : scope.triggerStart - entity.end();
    }

    private static Assertion assertion(Set<Category> found) {
        Experiencer experiencer = found.contains(Category.FAMILY) ? Experiencer.FAMILY
                : found.contains(Category.OTHER_EXPERIENCER) ? Experiencer.OTHER : Experiencer.PATIENT;
        return new Assertion(Flag.of(found.contains(Category.NEGATED)), Flag.of(found.contains(Category.UNCERTAIN)),
                Flag.of(found.contains(Category.HYPOTHETICAL)), Flag.of(found.contains(Category.HISTORICAL)),
                experiencer);
    }

    /** Character range {@code [start, end)} a trigger modifies, and where the trigger itself is. */
    private record Scope(int start, int end, int triggerStart, int triggerEnd, Category category) {
    }

    private record Match(int from, int to, List<Trigger> entries) {
    }

    /** Adds the scopes of the triggers in tokens {@code [from, to)}, one sentence. */
    private void scopes(List<Token> tokens, int from, int to, List<Scope> out) {
        List<Match> matches = new ArrayList<>();
        int i = from;
        while (i < to) {
            Match match = longestAt(tokens, i, to);
            if (match == null) {
                i++;
            } else {
                matches.add(match);
                i = match.to;
            }
        }
        if (matches.isEmpty()) {
            return;
        }
        for (int m = 0; m < matches.size(); m++) {
            Match match = matches.get(m);
            for (Trigger trigger : match.entries) {
                if (trigger.kind() == Kind.PRE || trigger.kind() == Kind.BOTH) {
                    int end = to;
                    for (int n = m + 1; n < matches.size(); n++) {
                        if (terminates(matches.get(n), trigger.category())) {
                            end = matches.get(n).from;
                            break;
                        }
                    }
                    if (maxScopeTokens > 0) {
                        end = Math.min(end, match.to + maxScopeTokens);
                    }
                    if (end > match.to) {
                        out.add(new Scope(tokens.get(match.to).start(), tokens.get(end - 1).end(),
                                tokens.get(match.from).start(), tokens.get(match.to - 1).end(), trigger.category()));
                    }
                }
                if (trigger.kind() == Kind.POST || trigger.kind() == Kind.BOTH) {
                    int start = from;
                    for (int n = m - 1; n >= 0; n--) {
                        if (terminates(matches.get(n), trigger.category())) {
                            start = matches.get(n).to;
                            break;
                        }
                    }
                    if (maxScopeTokens > 0) {
                        start = Math.max(start, match.from - maxScopeTokens);
                    }
                    if (start < match.from) {
                        out.add(new Scope(tokens.get(start).start(), tokens.get(match.from - 1).end(),
                                tokens.get(match.from).start(), tokens.get(match.to - 1).end(), trigger.category()));
                    }
                }
            }
        }
    }

    private static boolean terminates(Match match, Category category) {
        for (Trigger trigger : match.entries) {
            if (trigger.kind() == Kind.TERMINATION
                    && (trigger.category() == Category.ALL || trigger.category() == category)) {
                return true;
            }
        }
        return false;
    }

    private Match longestAt(List<Token> tokens, int i, int to) {
        int[] lengths = lengthsByFirstToken.get(lower(tokens.get(i)));
        if (lengths == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (int length : lengths) {
            if (i + length > to) {
                continue;
            }
            key.setLength(0);
            for (int k = 0; k < length; k++) {
                if (k > 0) {
                    key.append(' ');
                }
                key.append(lower(tokens.get(i + k)));
            }
            List<Trigger> entries = byPhrase.get(key.toString());
            if (entries != null) {
                return new Match(i, i + length, entries);
            }
        }
        return null;
    }

    private static String lower(Token token) {
        return token.text().toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String phrase) {
        return TOKENIZER.tokenize(phrase).stream().map(ContextEngine::lower).toList();
    }

    @Override
    public String toString() {
        return "ContextEngine[triggers=" + triggers.size() + ", maxScopeTokens=" + maxScopeTokens
                + ", maxTargets=" + maxTargets + ", lineBreaksEndScopes=" + lineBreaksEndScopes + "]";
    }

    /** Collects triggers and options; {@link #build()} makes an immutable engine. Not thread-safe. */
    public static final class Builder {

        private final List<Trigger> triggers;
        private int maxScopeTokens;
        private boolean lineBreaksEndScopes = true;
        private int maxTargets;

        private Builder(List<Trigger> defaults) {
            this.triggers = new ArrayList<>(defaults);
        }

        /** Appends one entry. */
        public Builder addTrigger(Trigger trigger) {
            triggers.add(Objects.requireNonNull(trigger, "trigger"));
            return this;
        }

        /** Appends entries, e.g. {@link TriggerFiles#read(java.nio.file.Path)}. */
        public Builder addTriggers(Collection<Trigger> more) {
            more.forEach(this::addTrigger);
            return this;
        }

        /** Replaces the whole lexicon (the defaults too). */
        public Builder triggers(Collection<Trigger> replacement) {
            triggers.clear();
            return addTriggers(replacement);
        }

        /** Removes every entry whose phrase equals {@code phrase} (case-insensitive, spaces normalised). */
        public Builder removeTrigger(String phrase) {
            String key = String.join(" ", words(Objects.requireNonNull(phrase, "phrase")));
            triggers.removeIf(t -> String.join(" ", words(t.phrase())).equals(key));
            return this;
        }

        /** Sets {@link #maxTargets(int)} and {@link #maxScopeTokens(int)} as {@code profile} says; later calls win. */
        public Builder profile(Profile profile) {
            Objects.requireNonNull(profile, "profile");
            this.maxTargets = profile.maxTargets;
            this.maxScopeTokens = profile.maxScopeTokens;
            return this;
        }

        /** The most tokens a trigger's scope covers; 0 (the default) for no limit but the sentence. */
        public Builder maxScopeTokens(int tokens) {
            if (tokens < 0) {
                throw new IllegalArgumentException("maxScopeTokens must not be negative: " + tokens);
            }
            this.maxScopeTokens = tokens;
            return this;
        }

        /**
         * The most entities one trigger modifies, nearest first (medspaCy's {@code max_targets}); 0 (the default) for
         * all in scope. 1 suits text where a cue applies to one mention, as in eligibility criteria.
         */
        public Builder maxTargets(int targets) {
            if (targets < 0) {
                throw new IllegalArgumentException("maxTargets must not be negative: " + targets);
            }
            this.maxTargets = targets;
            return this;
        }

        /**
         * Whether a line break ends every scope, as in lists, eligibility criteria and one-finding-per-line notes
         * (default true); set false for notes whose sentences are hard-wrapped across lines.
         */
        public Builder lineBreaksEndScopes(boolean end) {
            this.lineBreaksEndScopes = end;
            return this;
        }

        public ContextEngine build() {
            return new ContextEngine(this);
        }
    }
}
