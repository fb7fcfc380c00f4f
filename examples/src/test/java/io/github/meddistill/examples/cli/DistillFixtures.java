package io.github.meddistill.examples.cli;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.JsonlReader;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny notes, gold splits and lexicons for {@code distill} and {@code sample} tests, and a tiny random encoder
 * checkpoint ({@code tiny-encoder}) so a student trains in seconds: two layers of width 32.
 */
final class DistillFixtures {

    static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);
    private static final String[] DISEASES = {"pancreatitis", "cystic fibrosis", "anaemia", "nephropathy", "asthma"};
    private static final String[] DRUGS = {"lisinopril", "metformin", "aspirin", "warfarin"};
    private static final String[] FILLERS = {"Seen in clinic today.", "Denies chest pain.", "Follow-up in two weeks."};

    private DistillFixtures() {
    }

    /** One note: a disease, sometimes a drug, a filler; gold marks both. */
    static String note(String id, int i) {
        String disease = DISEASES[i % DISEASES.length];
        String drug = DRUGS[(i / 2) % DRUGS.length];
        String filler = FILLERS[i % FILLERS.length];
        String text = "Patient " + id + ": history of " + disease + (i % 3 == 0 ? "." : "; started " + drug + ".") + " " + filler;
        StringBuilder entities = new StringBuilder();
        int start = text.indexOf(disease);
        entities.append(entity(start, start + disease.length(), "DISEASE"));
        if (i % 3 != 0) {
            int at = text.indexOf(drug);
            entities.append(',').append(entity(at, at + drug.length(), "MEDICATION"));
        }
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"entities\":[" + entities + "]}";
    }

    private static String entity(int start, int end, String type) {
        return "{\"start\":" + start + ",\"end\":" + end + ",\"type\":\"" + type + "\"}";
    }

    /** {@code count} notes with ids {@code prefix1...}, starting at variant {@code offset}. */
    static String notes(String prefix, int count, int offset) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(note(prefix + (i + 1), i + offset));
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Writes into {@code dir}: {@code notes.jsonl} (24), {@code dev.jsonl} (6), {@code test.jsonl} (6),
     * {@code gold-train.jsonl} (8), {@code doid.obo} (two of the five diseases), {@code drugbank.csv} (three of the
     * four drugs) and {@code tiny-encoder/}.
     */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "notes.jsonl", notes("n", 24, 0));
        write(dir, "dev.jsonl", notes("d", 6, 1));
        write(dir, "test.jsonl", notes("t", 6, 2));
        write(dir, "gold-train.jsonl", notes("g", 8, 3));
        write(dir, "doid.obo", String.join("\n", "format-version: 1.2", "", "[Term]", "id: DOID:1", "name: pancreatitis",
                "", "[Term]", "id: DOID:2", "name: cystic fibrosis", "", "[Term]", "id: DOID:3", "name: asthma", ""));
        write(dir, "drugbank.csv", String.join("\n", "DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,"
                + "Standard InChI Key", "DB00722,,Lisinopril,,,,", "DB00331,,Metformin,,,,", "DB00945,,Aspirin,,,,") + "\n");
        tinyEncoder(dir.resolve("tiny-encoder"), dir.resolve("gold-train.jsonl"));
    }

    /**
     * A saved random student of {@link #TINY}'s shape, used as an HF checkpoint. Its classification head is read too,
     * so it is trained for the two types the tests distil.
     */
    static void tinyEncoder(Path folder, Path labels) throws IOException {
        List<Annotation> training = JsonlReader.builder().build().read(labels).annotations();
        try (BertStudent student = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                .entityTypes(List.of(EntityType.DISEASE, EntityType.MEDICATION)).epochs(1).batchSize(8).devices("cpu").seed(1).build()
                .train(training, List.of())) {
            student.save(folder);
        }
    }

    static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
