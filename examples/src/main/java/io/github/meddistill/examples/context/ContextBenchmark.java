package io.github.meddistill.examples.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.context.ContextEngine;
import io.github.meddistill.core.text.SentenceSplitter;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.examples.ontology.OntologyLexicons;
import io.github.meddistill.ontology.ConceptLinker;
import io.github.meddistill.ontology.LinkExample;
import io.github.meddistill.ontology.Term;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code meddistill bench context}: assertion status ({@link ContextEngine}) on Chia and MACCROBAT gold, concept
 * linking ({@link ConceptLinker} over DOID and HPO) on NCBI-disease and BC5CDR gold MeSH/OMIM ids, and the time
 * both add to a student's extraction, in one run.
 *
 * <ul>
 *   <li>Chia has no official split: trials are sorted by NCT id and every fifth one (index 4, 9, ...) is test.
 *       Gold {@code negated}: a Condition or Drug that is Arg1 of a {@code Has_negation} relation; gold
 *       {@code uncertain}: Arg1 of {@code Has_mood}; a prediction counts as uncertain when the engine says
 *       uncertain or hypothetical (Chia's moods are both). Discontinuous mentions use their first fragment.
 *       {@code chia} is scored with the default engine, {@code chia-crit} with {@link #criteriaProfile}.</li>
 *   <li>MACCROBAT uses {@code splits.tsv}; gold negated: a Sign_symptom or Disease_disorder whose event has
 *       {@code POLARITY NEG}.</li>
 *   <li>Baseline: every mention in a sentence with the token "no" or "not" is marked.</li>
 *   <li>Linking: gold spans of the test split (NCBI-disease: all; BC5CDR: Disease) linked by text; a hit at k when
 *       one of the first k concepts reaches a gold id: its own MESH/OMIM xrefs, or those of a DOID concept sharing
 *       a UMLS CUI with it (how HPO reaches MeSH). Ceiling: the share of mentions with a gold id that some loaded
 *       concept reaches. The {@code +examples} rows add the train split's gold (mention text, id) as
 *       {@linkplain ConceptLinker.Builder#addExample link examples} and score the dev split (with {@link Split#TRAIN})
 *       or the test split (with {@link Split#TEST}); the examples' ids are gold codes, so these rows show a linker
 *       taught by annotated mentions, not the lexicons alone.</li>
 * </ul>
 */
public final class ContextBenchmark {

    private static final WordTokenizer TOKENIZER = new WordTokenizer();
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();
    private static final EntityType MENTION = EntityType.of("MENTION");

    private ContextBenchmark() {
    }

    /** Which split to score: tune on TRAIN, report TEST. */
    public enum Split { TRAIN, TEST }

    /** One gold note: text, mentions, and which of them are negated / uncertain. */
    public record GoldNote(String id, String text, List<Entity> mentions, Set<Entity> negated, Set<Entity> uncertain) {
    }

    /** Precision, recall, F1 from counts. */
    public record Prf(int truePositives, int predicted, int gold) {
        double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        double recall() {
            return gold == 0 ? 0 : (double) truePositives / gold;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Engine and baseline scores for one status on one corpus. */
    public record StatusScore(String corpus, String status, int mentions, Prf engine, Prf baseline) {
    }

    /**
     * Linking accuracy on one corpus's {@code split}, with {@code examples} link examples kept (0: lexicons only).
     */
    public record LinkScore(String corpus, String split, int examples, int mentions, int hitsAt1, int hitsAt5,
                            int reachable, int hitsAt1WithBroader, double seconds) {
        double accuracyAt1() {
            return mentions == 0 ? 0 : (double) hitsAt1 / mentions;
        }

        /** Accuracy@1 when a top concept that reaches no MeSH/OMIM id is scored by its broader codes. */
        double accuracyAt1WithBroader() {
            return mentions == 0 ? 0 : (double) hitsAt1WithBroader / mentions;
        }

        double accuracyAt5() {
            return mentions == 0 ? 0 : (double) hitsAt5 / mentions;
        }

        double ceiling() {
            return mentions == 0 ? 0 : (double) reachable / mentions;
        }
    }

    /** Student time against assertion and linking time on the same notes and the student's entities. */
    public record Overhead(int notes, int entities, double studentSeconds, double contextSeconds, double linkSeconds) {
        double fraction() {
            return (contextSeconds + linkSeconds) / studentSeconds;
        }
    }

    /** Everything one run measured. */
    public record Result(Split split, List<StatusScore> statuses, List<LinkScore> links, Overhead overhead,
                         String overheadNote) {

        private StatusScore find(String corpus, String status) {
            return statuses.stream().filter(s -> s.corpus().equals(corpus) && s.status().equals(status)).findFirst()
                    .orElseThrow();
        }

        public String toTable() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Assertion status (%s split), ConText engine vs \"no/not in the"
                    + " sentence\" baseline%n", split.name().toLowerCase(Locale.ROOT)));
            out.append(String.format(Locale.ROOT, "| %-10s | %-9s | %8s | %9s | %6s | %6s | %11s |%n", "corpus",
                    "status", "mentions", "precision", "recall", "F1", "baseline F1"));
            out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (StatusScore s : statuses) {
                out.append(String.format(Locale.ROOT, "| %-10s | %-9s | %8d | %9.3f | %6.3f | %6.3f | %11.3f |%n",
                        s.corpus(), s.status(), s.mentions(), s.engine().precision(), s.engine().recall(),
                        s.engine().f1(), s.baseline().f1()));
            }
            out.append(String.format(Locale.ROOT, "%nConcept linking of gold spans (DOID + HPO, via xrefs to MeSH/OMIM)%n"));
            out.append(String.format(Locale.ROOT,
                    "| %-21s | %-5s | %8s | %8s | %6s | %6s | %7s | %13s | %13s | %13s |%n", "corpus", "split",
                    "examples", "mentions", "acc@1", "acc@5", "ceiling", "acc@1/ceiling", "+broader@1",
                    "+broader/ceil"));
            out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (LinkScore l : links) {
                out.append(String.format(Locale.ROOT,
                        "| %-21s | %-5s | %8d | %8d | %6.3f | %6.3f | %7.3f | %13.3f | %13.3f | %13.3f |%n",
                        l.corpus(), l.split(), l.examples(), l.mentions(), l.accuracyAt1(), l.accuracyAt5(), l.ceiling(),
                        l.ceiling() == 0 ? 0 : l.accuracyAt1() / l.ceiling(), l.accuracyAt1WithBroader(),
                        l.ceiling() == 0 ? 0 : l.accuracyAt1WithBroader() / l.ceiling()));
            }
            if (overhead != null) {
                out.append(String.format(Locale.ROOT, "%nOverhead on %d notes (%d student entities): student %.3f s,"
                                + " assertions %.4f s, linking %.4f s -> overhead fraction %.4f%n", overhead.notes(),
                        overhead.entities(), overhead.studentSeconds(), overhead.contextSeconds(),
                        overhead.linkSeconds(), overhead.fraction()));
            } else {
                out.append(String.format(Locale.ROOT, "%nOverhead: not measured (%s)%n", overheadNote));
            }
            return out.toString();
        }

        public String toJson() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode root = f.objectNode();
            root.put("split", split.name().toLowerCase(Locale.ROOT));
            root.set("negated", status("negated", "chia", f));
            root.set("uncertain", status("uncertain", "chia", f));
            ObjectNode linking = root.putObject("linking");
            for (LinkScore l : links) {
                ObjectNode node = linking.putObject(l.corpus());
                node.put("split", l.split());
                node.put("examples", l.examples());
                node.put("mentions", l.mentions());
                node.put("accuracyAt1", round(l.accuracyAt1()));
                node.put("accuracyAt5", round(l.accuracyAt5()));
                node.put("ceiling", round(l.ceiling()));
                node.put("accuracyAt1WithBroader", round(l.accuracyAt1WithBroader()));
            }
            if (overhead != null) {
                root.put("overheadFraction", round(overhead.fraction()));
                root.put("overheadNotes", overhead.notes());
            } else {
                root.put("overheadNotMeasured", overheadNote);
            }
            try {
                return new ObjectMapper().writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The headline corpus's figures at the top, every corpus under {@code byCorpus}. */
        private ObjectNode status(String status, String headline, JsonNodeFactory f) {
            ObjectNode node = f.objectNode();
            StatusScore main = find(headline, status);
            fill(node, main);
            node.put("corpus", headline);
            ObjectNode by = node.putObject("byCorpus");
            statuses.stream().filter(s -> s.status().equals(status)).forEach(s -> fill(by.putObject(s.corpus()), s));
            return node;
        }

        private static void fill(ObjectNode node, StatusScore s) {
            node.put("mentions", s.mentions());
            node.put("gold", s.engine().gold());
            node.put("precision", round(s.engine().precision()));
            node.put("recall", round(s.engine().recall()));
            node.put("f1", round(s.engine().f1()));
            node.put("baselineF1", round(s.baseline().f1()));
            node.put("markNothingF1", 0.0);
        }

        private static double round(double value) {
            return Math.round(value * 10000) / 10000.0;
        }
    }

    /**
     * The eligibility-criteria profile: the engine's lexicon with {@code maxTargets(1)} and {@code maxScopeTokens(5)},
     * chosen on the Chia train split (a Chia negation cue modifies one mention).
     */
    public static ContextEngine.Builder criteriaProfile(ContextEngine.Builder builder) {
        return builder.profile(ContextEngine.Profile.ELIGIBILITY_CRITERIA);
    }

    /**
     * Runs every part; {@code criteria} is scored on Chia as {@code chia-crit}; {@code student} may be null (then
     * overhead is not measured).
     */
    public static Result run(Path data, Split split, ContextEngine engine, ContextEngine criteria, Student student) {
        List<StatusScore> statuses = new ArrayList<>();
        List<GoldNote> chia = chia(data.resolve("chia/chia_without_scope.zip"), split, false);
        statuses.add(score("chia", "negated", chia, engine, GoldNote::negated, false));
        statuses.add(score("chia", "uncertain", chia, engine, GoldNote::uncertain, true));
        statuses.add(score("chia-crit", "negated", chia, criteria, GoldNote::negated, false));
        statuses.add(score("chia-crit", "uncertain", chia, criteria, GoldNote::uncertain, true));
        List<GoldNote> maccrobat = maccrobat(data.resolve("maccrobat"), split);
        statuses.add(score("maccrobat", "negated", maccrobat, engine, GoldNote::negated, false));

        List<Term> terms = new ArrayList<>(OntologyLexicons.doid(data));
        terms.addAll(OntologyLexicons.hpo(data));
        ConceptLinker linker = ConceptLinker.builder().addTerms(terms).build();
        Map<String, Set<String>> byCui = byCui(terms);
        Map<String, Set<String>> reach = reach(terms, byCui);
        boolean tuning = split == Split.TRAIN;
        String splitName = tuning ? "train" : "test";
        List<LinkScore> links = new ArrayList<>();
        List<PubTatorDoc> ncbi = ncbi(data, splitName);
        links.add(link("ncbi-disease", splitName, ncbi, linker, reach, byCui));
        List<PubTatorDoc> cdr = bc5cdr(data, splitName);
        links.add(link("bc5cdr", splitName, cdr, linker, reach, byCui));
        // the +examples rows learn from train and score test, or dev when tuning; a split read above is reused
        String taughtSplit = tuning ? "dev" : "test";
        links.add(link("ncbi-disease+examples", taughtSplit, tuning ? ncbi(data, "dev") : ncbi,
                taught(terms, tuning ? ncbi : ncbi(data, "train")), reach, byCui));
        links.add(link("bc5cdr+examples", taughtSplit, tuning ? bc5cdr(data, "dev") : cdr,
                taught(terms, tuning ? cdr : bc5cdr(data, "train")), reach, byCui));

        Overhead overhead = null;
        String note = "no --model given";
        if (student != null) {
            overhead = overhead(ncbi, student, engine, linker);
            note = null;
        }
        return new Result(split, statuses, links, overhead, note);
    }

    // ---------------------------------------------------------------- assertion scoring

    static StatusScore score(String corpus, String status, List<GoldNote> notes, ContextEngine engine,
                             java.util.function.Function<GoldNote, Set<Entity>> gold, boolean uncertain) {
        int tp = 0;
        int predicted = 0;
        int goldCount = 0;
        int baseTp = 0;
        int basePredicted = 0;
        int mentions = 0;
        for (GoldNote note : notes) {
            if (note.mentions().isEmpty()) {
                continue;
            }
            List<Entity> decided = engine.apply(note.text(), note.mentions());
            Set<Entity> marked = baselineMarked(note.text(), note.mentions());
            Set<Entity> truth = gold.apply(note);
            for (Entity entity : decided) {
                mentions++;
                boolean isGold = truth.contains(entity);
                boolean yes = uncertain
                        ? entity.assertion().uncertain().isYes() || entity.assertion().hypothetical().isYes()
                        : entity.assertion().negated().isYes();
                goldCount += isGold ? 1 : 0;
                predicted += yes ? 1 : 0;
                tp += yes && isGold ? 1 : 0;
                boolean base = marked.contains(entity);
                basePredicted += base ? 1 : 0;
                baseTp += base && isGold ? 1 : 0;
            }
        }
        return new StatusScore(corpus, status, mentions, new Prf(tp, predicted, goldCount),
                new Prf(baseTp, basePredicted, goldCount));
    }

    /** Mentions in a sentence that has the token "no" or "not". */
    static Set<Entity> baselineMarked(String text, List<Entity> mentions) {
        List<Token> tokens = TOKENIZER.tokenize(text);
        List<Integer> starts = SPLITTER.sentenceStarts(text, tokens);
        Set<Entity> marked = new HashSet<>();
        for (int s = 0; s < starts.size(); s++) {
            int from = starts.get(s);
            int to = s + 1 < starts.size() ? starts.get(s + 1) : tokens.size();
            boolean cue = false;
            for (int i = from; i < to && !cue; i++) {
                String word = tokens.get(i).text().toLowerCase(Locale.ROOT);
                cue = word.equals("no") || word.equals("not");
            }
            if (!cue) {
                continue;
            }
            int charFrom = tokens.get(from).start();
            int charTo = tokens.get(to - 1).end();
            for (Entity mention : mentions) {
                if (mention.start() >= charFrom && mention.start() < charTo) {
                    marked.add(mention);
                }
            }
        }
        return marked;
    }

    // ---------------------------------------------------------------- Chia and MACCROBAT

    public static List<GoldNote> chia(Path zip, Split split, boolean orGroups) {
        Map<String, String> texts = new TreeMap<>();
        Map<String, String> anns = new HashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (entry.isDirectory() || !(base.endsWith(".txt") || base.endsWith(".ann"))) {
                    continue;
                }
                String content;
                try (InputStream in = file.getInputStream(entry)) {
                    content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String id = base.substring(0, base.length() - 4);
                (base.endsWith(".txt") ? texts : anns).put(id, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
        List<String> trials = texts.keySet().stream().map(id -> id.substring(0, id.indexOf('_'))).distinct().sorted()
                .toList();
        Set<String> test = new HashSet<>();
        for (int i = 4; i < trials.size(); i += 5) {
            test.add(trials.get(i));
        }
        List<GoldNote> notes = new ArrayList<>();
        for (Map.Entry<String, String> text : texts.entrySet()) {
            String trial = text.getKey().substring(0, text.getKey().indexOf('_'));
            if (test.contains(trial) != (split == Split.TEST)) {
                continue;
            }
            String ann = anns.getOrDefault(text.getKey(), "");
            notes.add(brat(text.getKey(), text.getValue(), ann, Set.of("Condition", "Drug"), "Has_negation", "Has_mood",
                    orGroups));
        }
        return notes;
    }

    public static List<GoldNote> maccrobat(Path dir, Split split) {
        List<GoldNote> notes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("splits.tsv"), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t");
                if (fields.length < 2 || fields[0].equals("pmid")) {
                    continue;
                }
                boolean isTest = fields[1].equals("test");
                if (isTest != (split == Split.TEST)) {
                    continue;
                }
                String text = Files.readString(dir.resolve("brat/" + fields[0] + ".txt"), StandardCharsets.UTF_8);
                String ann = Files.readString(dir.resolve("brat/" + fields[0] + ".ann"), StandardCharsets.UTF_8);
                notes.add(brat(fields[0], text, ann, Set.of("Sign_symptom", "Disease_disorder"), null, null,
                        false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return notes;
    }

    /**
     * Mentions of {@code types}; negated: Arg1 of {@code negationRelation}, or (MACCROBAT) the trigger of an event
     * with {@code POLARITY ... NEG}; uncertain: Arg1 of {@code moodRelation}.
     */
    static GoldNote brat(String id, String text, String ann, Set<String> types, String negationRelation,
                         String moodRelation, boolean shareAcrossOrGroups) {
        Map<String, Entity> byId = new LinkedHashMap<>();
        Map<String, String> eventTrigger = new HashMap<>();
        Set<String> negatedIds = new HashSet<>();
        Set<String> moodIds = new HashSet<>();
        Set<String> negatedEvents = new HashSet<>();
        List<List<String>> orGroups = new ArrayList<>();
        for (String line : ann.split("\r?\n")) {
            String[] fields = line.split("\t");
            if (fields.length < 2) {
                continue;
            }
            String key = fields[0];
            if (key.startsWith("T")) {
                String[] typeAndSpan = fields[1].split(" ", 2);
                if (!types.contains(typeAndSpan[0]) || typeAndSpan.length < 2) {
                    continue;
                }
                String[] first = typeAndSpan[1].split(";")[0].split(" ");
                int start = Integer.parseInt(first[0]);
                int end = Integer.parseInt(first[1]);
                if (start < end && end <= text.length()) {
                    byId.put(key, Entity.of(text, start, end, MENTION));
                }
            } else if (key.startsWith("E")) {
                String trigger = fields[1].split(" ")[0];
                int colon = trigger.indexOf(':');
                if (colon > 0) {
                    eventTrigger.put(key, trigger.substring(colon + 1));
                }
            } else if (key.startsWith("A")) {
                String[] parts = fields[1].trim().split(" ");
                if (parts.length == 3 && parts[0].equals("POLARITY") && parts[2].equals("NEG")) {
                    negatedEvents.add(parts[1]);
                }
            } else if (key.startsWith("*") && fields[1].startsWith("OR ")) {
                orGroups.add(List.of(fields[1].substring(3).trim().split(" ")));
            } else if (key.startsWith("R")) {
                String[] parts = fields[1].trim().split(" ");
                if (parts.length == 3 && parts[1].startsWith("Arg1:")) {
                    String arg1 = parts[1].substring(5);
                    if (parts[0].equals(negationRelation)) {
                        negatedIds.add(arg1);
                    } else if (parts[0].equals(moodRelation)) {
                        moodIds.add(arg1);
                    }
                }
            }
        }
        for (String event : negatedEvents) {
            String trigger = eventTrigger.get(event);
            if (trigger != null) {
                negatedIds.add(trigger);
            }
        }
        if (shareAcrossOrGroups) {
            for (List<String> group : orGroups) {
                if (group.stream().anyMatch(negatedIds::contains)) {
                    negatedIds.addAll(group);
                }
                if (group.stream().anyMatch(moodIds::contains)) {
                    moodIds.addAll(group);
                }
            }
        }
        List<Entity> mentions = byId.values().stream().distinct().toList();
        Set<Entity> negated = new HashSet<>();
        Set<Entity> uncertain = new HashSet<>();
        byId.forEach((key, entity) -> {
            if (negatedIds.contains(key)) {
                negated.add(entity);
            }
            if (moodIds.contains(key)) {
                uncertain.add(entity);
            }
        });
        return new GoldNote(id, text, mentions, negated, uncertain);
    }

    // ---------------------------------------------------------------- linking

    /** NCBI-disease's {@code split} ("train", "dev" or "test"), every mention. */
    private static List<PubTatorDoc> ncbi(Path data, String split) {
        String folder = split.equals("dev") ? "devel" : split;
        String name = split.equals("dev") ? "NCBIdevelopset" : "NCBI" + split + "set";
        return pubTator(data.resolve("ncbi_disease/original-data/" + folder + "/" + name + "_corpus.txt"), t -> true);
    }

    /** BC5CDR's {@code split} ("train", "dev" or "test"), its Disease mentions. */
    private static List<PubTatorDoc> bc5cdr(Path data, String split) {
        String name = switch (split) {
            case "train" -> "CDR_TrainingSet";
            case "dev" -> "CDR_DevelopmentSet";
            default -> "CDR_TestSet";
        };
        return pubTator(data.resolve("bc5cdr/original-pubtator/" + name + ".PubTator.txt"),
                t -> t.equals("Disease"));
    }

    /** A linker over {@code terms} taught the gold mentions and ids of {@code train} as link examples. */
    private static ConceptLinker taught(List<Term> terms, List<PubTatorDoc> train) {
        return ConceptLinker.builder().addTerms(terms).addExamples(examples(train)).build();
    }

    /** One link example per gold mention and id (a composite mention gives one per id). */
    static List<LinkExample> examples(List<PubTatorDoc> docs) {
        List<LinkExample> examples = new ArrayList<>();
        for (PubTatorDoc doc : docs) {
            for (int i = 0; i < doc.mentions().size(); i++) {
                for (String id : new TreeSet<>(doc.goldIds().get(i))) {
                    examples.add(new LinkExample(doc.mentions().get(i).text(), id));
                }
            }
        }
        return examples;
    }

    public record PubTatorDoc(String id, String text, List<Entity> mentions, List<Set<String>> goldIds) {
    }

    /** PubTator documents with the mentions whose type passes {@code types}, and their gold ids as MESH:/OMIM: ids. */
    public static List<PubTatorDoc> pubTator(Path file, Predicate<String> types) {
        List<PubTatorDoc> docs = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String id = null;
        String title = null;
        String text = null;
        List<Entity> mentions = new ArrayList<>();
        List<Set<String>> gold = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                if (text != null) {
                    docs.add(new PubTatorDoc(id, text, List.copyOf(mentions), List.copyOf(gold)));
                }
                id = null;
                title = null;
                text = null;
                mentions.clear();
                gold.clear();
                continue;
            }
            if (line.contains("|t|")) {
                id = line.substring(0, line.indexOf('|'));
                title = line.substring(line.indexOf("|t|") + 3);
                continue;
            }
            if (line.contains("|a|")) {
                text = title + " " + line.substring(line.indexOf("|a|") + 3);
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length < 6 || text == null) {
                continue;
            }
            if (!types.test(fields[4])) {
                continue;
            }
            int start = Integer.parseInt(fields[1]);
            int end = Integer.parseInt(fields[2]);
            if (end > text.length() || !text.substring(start, end).equals(fields[3])) {
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (String part : fields[5].split("[|+]")) {
                String p = part.trim();
                if (p.isEmpty() || p.equals("-1")) {
                    continue;
                }
                ids.add(p.startsWith("OMIM:") ? p : p.startsWith("MESH:") ? p : "MESH:" + p);
            }
            if (ids.isEmpty()) {
                continue;
            }
            mentions.add(Entity.of(text, start, end, EntityType.of("DISEASE")));
            gold.add(ids);
        }
        if (text != null) {
            docs.add(new PubTatorDoc(id, text, List.copyOf(mentions), List.copyOf(gold)));
        }
        return docs;
    }

    /**
     * Concept id to the MESH/OMIM ids it reaches: its own xrefs, plus those of concepts sharing a UMLS CUI (HPO
     * writes {@code UMLS:C...}, DOID {@code UMLS_CUI:C...}), from {@link #byCui}.
     */
    public static Map<String, Set<String>> reach(List<Term> terms, Map<String, Set<String>> byCui) {
        Map<String, Set<String>> reach = new HashMap<>();
        for (Term term : terms) {
            reach.computeIfAbsent(term.source() + ":" + term.conceptId(), k -> new HashSet<>())
                    .addAll(targets(term.xrefs(), byCui));
        }
        return reach;
    }

    /** The MESH/OMIM ids among {@code xrefs} and those their UMLS CUIs reach. */
    private static Set<String> targets(List<String> xrefs, Map<String, Set<String>> byCui) {
        Set<String> ids = new HashSet<>();
        for (String xref : xrefs) {
            if (isTarget(xref)) {
                ids.add(xref);
            }
            String cui = cui(xref);
            if (cui != null) {
                ids.addAll(byCui.getOrDefault(cui, Set.of()));
            }
        }
        return ids;
    }

    /** UMLS CUI to the MESH/OMIM ids of the terms that carry it. */
    public static Map<String, Set<String>> byCui(List<Term> terms) {
        Map<String, Set<String>> byCui = new HashMap<>();
        for (Term term : terms) {
            for (String xref : term.xrefs()) {
                String cui = cui(xref);
                if (cui != null) {
                    for (String other : term.xrefs()) {
                        if (isTarget(other)) {
                            byCui.computeIfAbsent(cui, k -> new HashSet<>()).add(other);
                        }
                    }
                }
            }
        }
        return byCui;
    }

    private static boolean isTarget(String xref) {
        return xref.startsWith("MESH:") || xref.startsWith("OMIM:");
    }

    private static String cui(String xref) {
        if (xref.startsWith("UMLS_CUI:")) {
            return xref.substring(9);
        }
        if (xref.startsWith("UMLS:")) {
            return xref.substring(5);
        }
        return null;
    }

    static LinkScore link(String corpus, String split, List<PubTatorDoc> docs, ConceptLinker linker,
                          Map<String, Set<String>> reach, Map<String, Set<String>> byCui) {
        Set<String> reachable = new HashSet<>();
        reach.values().forEach(reachable::addAll);
        int mentions = 0;
        int at1 = 0;
        int at5 = 0;
        int at1WithBroader = 0;
        int ceiling = 0;
        long started = System.nanoTime();
        for (PubTatorDoc doc : docs) {
            List<Entity> linked = linker.apply(doc.text(), doc.mentions());
            for (int i = 0; i < linked.size(); i++) {
                Set<String> gold = doc.goldIds().get(i);
                mentions++;
                if (gold.stream().anyMatch(reachable::contains)) {
                    ceiling++;
                }
                List<LinkedConcept> concepts = linked.get(i).concepts();
                if (!concepts.isEmpty()) {
                    LinkedConcept top = concepts.get(0);
                    Set<String> ids = reach.getOrDefault(top.source() + ":" + top.conceptId(), Set.of());
                    if ((ids.isEmpty() ? targets(top.broaderXrefs(), byCui) : ids).stream().anyMatch(gold::contains)) {
                        at1WithBroader++;
                    }
                }
                for (int k = 0; k < Math.min(5, concepts.size()); k++) {
                    LinkedConcept concept = concepts.get(k);
                    Set<String> ids = reach.getOrDefault(concept.source() + ":" + concept.conceptId(), Set.of());
                    if (ids.stream().anyMatch(gold::contains)) {
                        at1 += k == 0 ? 1 : 0;
                        at5++;
                        break;
                    }
                }
            }
        }
        return new LinkScore(corpus, split, linker.resolvedExampleCount(), mentions, at1, at5, ceiling, at1WithBroader,
                (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------- overhead

    static Overhead overhead(List<PubTatorDoc> docs, Student student, ContextEngine engine, ConceptLinker linker) {
        List<String> texts = docs.stream().map(PubTatorDoc::text).toList();
        // warm up every part on the first notes, then time each over all notes, student first
        List<String> warm = texts.subList(0, Math.min(5, texts.size()));
        for (String text : warm) {
            List<Entity> found = student.extract(text);
            linker.apply(text, engine.apply(text, found));
        }
        long t0 = System.nanoTime();
        List<List<Entity>> found = new ArrayList<>();
        for (String text : texts) {
            found.add(student.extract(text));
        }
        long t1 = System.nanoTime();
        List<List<Entity>> decided = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            decided.add(engine.apply(texts.get(i), found.get(i)));
        }
        long t2 = System.nanoTime();
        int entities = 0;
        for (int i = 0; i < texts.size(); i++) {
            entities += linker.apply(texts.get(i), decided.get(i)).size();
        }
        long t3 = System.nanoTime();
        return new Overhead(texts.size(), entities, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
}
