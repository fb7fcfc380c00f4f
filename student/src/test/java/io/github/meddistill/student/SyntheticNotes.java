package io.github.meddistill.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;

/** Small, seeded, labelled notes built from templates, for training tests. */
final class SyntheticNotes {

    private static final List<String> DISEASES = List.of("asthma", "type 2 diabetes", "hypertension", "pneumonia",
            "atrial fibrillation", "migraine", "chronic kidney disease", "gout");
    private static final List<String> DRUGS = List.of("metformin", "lisinopril", "albuterol", "warfarin",
            "amoxicillin", "allopurinol", "sumatriptan", "insulin glargine");
    private static final List<String> FILLERS = List.of("The patient", "She", "He", "Our patient", "The woman");

    private SyntheticNotes() {
    }

    static List<Annotation> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Annotation> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            List<int[]> diseaseSpans = new ArrayList<>();
            List<int[]> drugSpans = new ArrayList<>();
            int sentences = 1 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                text.append(FILLERS.get(random.nextInt(FILLERS.size()))).append(" has a history of ");
                int start = text.length();
                text.append(DISEASES.get(random.nextInt(DISEASES.size())));
                diseaseSpans.add(new int[] {start, text.length()});
                text.append(" and takes ");
                start = text.length();
                text.append(DRUGS.get(random.nextInt(DRUGS.size())));
                drugSpans.add(new int[] {start, text.length()});
                text.append(" daily. ");
            }
            String note = text.toString().strip();
            List<Entity> entities = new ArrayList<>();
            diseaseSpans.forEach(span -> entities.add(Entity.of(note, span[0], span[1], EntityType.DISEASE)));
            drugSpans.forEach(span -> entities.add(Entity.of(note, span[0], span[1], EntityType.MEDICATION)));
            notes.add(new Annotation(new Document("note-" + i, note), entities, Annotation.GOLD));
        }
        return notes;
    }
}
