package io.github.meddistill.ontology;

import io.github.meddistill.core.ConceptMatch;
import io.github.meddistill.core.OntologyMatcher;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.Sha256;
import io.github.meddistill.ontology.internal.CompactTrie;
import io.github.meddistill.ontology.internal.EdgeTable;
import io.github.meddistill.ontology.internal.TokenScanner;
import io.github.meddistill.ontology.internal.TokenTable;
import io.github.meddistill.ontology.internal.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds dictionary terms in text: longest-leftmost, non-overlapping matches of whole words.
 *
 * <p>Text and terms are split into the same normalised word tokens (case folded, NFKC, hyphens and
 * punctuation as separators, possessive {@code 's} dropped, optionally simple plurals folded), each
 * token is interned to an int id, and terms are stored in a trie over those ids. Matching scans the
 * text once; at every token it follows the trie as far as it goes and keeps the longest term that
 * ends on a token boundary, then continues after it. Short all-caps acronyms (e.g. {@code "ALL"},
 * {@code "MS"}) can be made case-sensitive so that they do not match ordinary words.
 *
 * <p>When several terms normalise to the same key, the first one added wins, except that a
 * case-sensitive acronym that does not apply gives way to the next one. Immutable and thread-safe:
 * one instance can serve any number of threads; each thread keeps a scratch buffer (a copy of its
 * longest text so far, as chars and bytes, and a few int arrays as long as its token count) to avoid
 * allocating per call.
 *
 * <pre>{@code
 * DictionaryMatcher matcher = DictionaryMatcher.builder().addTerms(OboLoader.builder(DISEASE).build().load(doid)).build();
 * List<ConceptMatch> hits = matcher.match("History of type 2 diabetes mellitus.");
 * }</pre>
 */
public final class DictionaryMatcher implements OntologyMatcher {

    private static final String DEFAULT_STOP_LIST = "default-stop-list.txt";

    private final TokenScanner scanner;
    private final TokenTable tokens;
    private final CompactTrie trie;
    private final Term[] entries;
    /** Next entry with the same key, -1 at the end of the chain. */
    private final int[] nextEntry;
    private final boolean[] entryCaseSensitive;
    private final int nodeCount;
    /** {@link #configuration()}, hashed on first use: matching never needs it. */
    private volatile String configuration;

    /** Per thread: scanned tokens and scratch chars, reused from call to call. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private DictionaryMatcher(TokenScanner scanner, TokenTable tokens, CompactTrie trie,
                              int nodeCount, Term[] entries, int[] nextEntry, boolean[] entryCaseSensitive) {
        this.scanner = scanner;
        this.tokens = tokens;
        this.trie = trie;
        this.nodeCount = nodeCount;
        this.entries = entries;
        this.nextEntry = nextEntry;
        this.entryCaseSensitive = entryCaseSensitive;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in stop-list: common clinical-English words that vocabularies also list as drugs or diseases. */
    public static Set<String> defaultStopList() {
        InputStream in = DictionaryMatcher.class.getResourceAsStream(DEFAULT_STOP_LIST);
        if (in == null) {
            throw new OntologyLoadException(DEFAULT_STOP_LIST, "expected the resource in the ontology jar, found none");
        }
        Set<String> words = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new OntologyLoadException(DEFAULT_STOP_LIST, "cannot read the resource: " + e.getMessage(), e);
        }
        return Set.copyOf(words);
    }

    /** A SHA-256 over the terms kept (after the stop-list and length filters) and how they are matched. */
    @Override
    public String configuration() {
        String known = configuration;
        if (known == null) {
            known = fingerprint();
            configuration = known;
        }
        return known;
    }

    private String fingerprint() {
        MessageDigest digest = Sha256.digest();
        StringBuilder line = new StringBuilder("foldPlurals=").append(scanner.foldsPlurals()).append('\n');
        for (int i = 0; i < entries.length; i++) {
            Term term = entries[i];
            line.append(term.text()).append('\t').append(term.conceptId()).append('\t').append(term.type().name())
                    .append('\t').append(term.source()).append('\t').append(entryCaseSensitive[i]).append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
        return "dictionary " + entries.length + " terms sha256=" + HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public List<ConceptMatch> match(String text) {
        Objects.requireNonNull(text, "text");
        Scratch reused = scratch.get();
        Tokens scanned = reused.tokens;
        scanner.scan(text, tokens, false, scanned, reused.buffer);
        List<ConceptMatch> matches = new ArrayList<>();
        int size = scanned.size();
        int i = 0;
        while (i < size) {
            int id = scanned.id(i);
            if (id < 0) {
                i++;
                continue;
            }
            int node = CompactTrie.root(id);
            int bestEntry = -1;
            int bestLast = -1;
            int j = i;
            while (true) {
                int entry = trie.value(node);
                if (entry >= 0) {
                    entry = applicableEntry(entry, text, scanned.start(i), scanned.end(j));
                    if (entry >= 0) {
                        bestEntry = entry;
                        bestLast = j;
                    }
                }
                if (++j == size) {
                    break;
                }
                id = scanned.id(j);
                node = id < 0 ? -1 : trie.child(node, id);
                if (node < 0) {
                    break;
                }
            }
            if (bestEntry < 0) {
                i++;
                continue;
            }
            Term term = entries[bestEntry];
            int start = scanned.start(i);
            int end = scanned.end(bestLast);
            matches.add(new ConceptMatch(start, end, text.substring(start, end), term.conceptId(),
                    term.preferredName(), term.type(), term.source()));
            i = bestLast + 1;
        }
        return matches;
    }

    /** Number of distinct dictionary entries (normalised key, concept, type, source). */
    public int termCount() {
        return entries.length;
    }

    /** Number of distinct normalised tokens in the dictionary. */
    public int vocabularySize() {
        return tokens.size();
    }

    /** Number of trie nodes, the root included. */
    public int nodeCount() {
        return nodeCount;
    }

    private static final class Scratch {
        final Tokens tokens = new Tokens(1024);
        final TokenScanner.Buffer buffer = new TokenScanner.Buffer();
    }

    private int applicableEntry(int entry, String text, int start, int end) {
        for (int e = entry; e >= 0; e = nextEntry[e]) {
            if (!entryCaseSensitive[e] || hasNoLowerCase(text, start, end)) {
                return e;
            }
        }
        return -1;
    }

    private static boolean hasNoLowerCase(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Collects terms and options. Defaults: minimum term length 3 characters, the
     * {@linkplain #defaultStopList() default stop-list}, no plural folding, acronyms case-insensitive.
     * Not thread-safe.
     */
    public static final class Builder {

        private final List<Term> terms = new ArrayList<>();
        private int minTermLength = 3;
        private boolean foldPlurals;
        private int caseSensitiveAcronymMaxLength;
        private Set<String> stopList;

        private Builder() {
        }

        public Builder addTerm(Term term) {
            terms.add(Objects.requireNonNull(term, "term"));
            return this;
        }

        public Builder addTerms(Collection<Term> more) {
            Objects.requireNonNull(more, "terms").forEach(this::addTerm);
            return this;
        }

        /** Terms whose normalised letters and digits number fewer than this are left out (default 3). */
        public Builder minTermLength(int minTermLength) {
            this.minTermLength = minTermLength;
            return this;
        }

        /** Folds simple English plurals ("seizures" = "seizure") on both sides (default off). */
        public Builder foldPlurals(boolean foldPlurals) {
            this.foldPlurals = foldPlurals;
            return this;
        }

        /**
         * One-word terms written in capitals with at most this many characters (e.g. {@code "ALL"},
         * {@code "MS"}) match only text without lower-case letters; 0 (the default) turns this off.
         */
        public Builder caseSensitiveAcronyms(int maxLength) {
            this.caseSensitiveAcronymMaxLength = maxLength;
            return this;
        }

        /** Replaces the stop-list: terms that are never matched, compared after normalisation. */
        public Builder stopList(Collection<String> words) {
            this.stopList = Set.copyOf(Objects.requireNonNull(words, "stopList"));
            return this;
        }

        public DictionaryMatcher build() {
            SettingsCheck check = SettingsCheck.of("the dictionary matcher");
            check.require(minTermLength >= 1, "minTermLength must be at least 1: minTermLength=" + minTermLength);
            check.require(caseSensitiveAcronymMaxLength >= 0,
                    "caseSensitiveAcronyms must not be negative: maxLength=" + caseSensitiveAcronymMaxLength);
            check.throwIfAny();
            TokenScanner scanner = new TokenScanner(foldPlurals);
            TokenTable table = new TokenTable();
            EdgeTable edges = new EdgeTable();
            TokenScanner.Buffer buffer = new TokenScanner.Buffer();
            Tokens scanned = new Tokens();
            Set<String> stopKeys = new HashSet<>();
            for (String word : stopList == null ? defaultStopList() : stopList) {
                scanner.scan(word, table, true, scanned, buffer);
                stopKeys.add(key(scanned, table));
            }

            int[] nodeEntries = new int[1024];
            Arrays.fill(nodeEntries, -1);
            int nodeCount = 1;
            List<Term> kept = new ArrayList<>();
            int[] next = new int[Math.max(1, terms.size())];
            boolean[] caseSensitive = new boolean[next.length];
            for (Term term : terms) {
                scanner.scan(term.text(), table, true, scanned, buffer);
                if (scanned.size() == 0 || normalisedLength(scanned) < minTermLength
                        || stopKeys.contains(key(scanned, table))) {
                    continue;
                }
                int node = 0;
                for (int t = 0; t < scanned.size(); t++) {
                    int child = edges.child(node, scanned.id(t));
                    if (child < 0) {
                        child = nodeCount++;
                        if (child == nodeEntries.length) {
                            nodeEntries = Arrays.copyOf(nodeEntries, child * 2);
                            Arrays.fill(nodeEntries, child, nodeEntries.length, -1);
                        }
                        edges.put(node, scanned.id(t), child);
                    }
                    node = child;
                }
                boolean sensitive = isAcronym(term.text(), scanned);
                int last = -1;
                boolean duplicate = false;
                for (int e = nodeEntries[node]; e >= 0; e = next[e]) {
                    Term other = kept.get(e);
                    if (caseSensitive[e] == sensitive && other.conceptId().equals(term.conceptId())
                            && other.type().equals(term.type()) && other.source().equals(term.source())) {
                        duplicate = true;
                        break;
                    }
                    last = e;
                }
                if (duplicate) {
                    continue;
                }
                int index = kept.size();
                kept.add(term);
                next[index] = -1;
                caseSensitive[index] = sensitive;
                if (last < 0) {
                    nodeEntries[node] = index;
                } else {
                    next[last] = index;
                }
            }
            table.trim();
            CompactTrie trie = CompactTrie.of(edges, nodeCount, table.size(), nodeEntries);
            return new DictionaryMatcher(scanner, table, trie, nodeCount,
                    kept.toArray(new Term[0]), Arrays.copyOf(next, kept.size()),
                    Arrays.copyOf(caseSensitive, kept.size()));
        }

        private boolean isAcronym(String text, Tokens scanned) {
            if (scanned.size() != 1) {
                return false;
            }
            String word = text.strip();
            if (word.length() > caseSensitiveAcronymMaxLength || word.length() < 2) {
                return false;
            }
            boolean letter = false;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (Character.isLowerCase(c)) {
                    return false;
                }
                letter |= Character.isLetter(c);
            }
            return letter;
        }

        private static int normalisedLength(Tokens scanned) {
            int length = 0;
            for (int t = 0; t < scanned.size(); t++) {
                length += scanned.end(t) - scanned.start(t);
            }
            return length;
        }

        private static String key(Tokens scanned, TokenTable table) {
            StringBuilder key = new StringBuilder();
            for (int t = 0; t < scanned.size(); t++) {
                if (t > 0) {
                    key.append(' ');
                }
                key.append(table.text(scanned.id(t)));
            }
            return key.toString();
        }
    }
}
