package io.github.meddistill.examples.demo;

import io.github.meddistill.core.EntityType;
import java.util.List;
import java.util.Set;

/**
 * One corpus of the main job and the entity types distilled on it.
 *
 * @param name the corpus name, also its resource prefix and output sub-folder
 * @param types the entity types learnt from it
 * @param clinical whether its notes are clinical text, to which the main job adds the bundled MTSamples notes
 *     ({@link DemoSettings#mtSamplesNotes()}) as more unlabelled notes to distil from
 */
public record DemoTask(String name, Set<EntityType> types, boolean clinical) {

    public static final DemoTask NCBI_DISEASE = new DemoTask("ncbi-disease", Set.of(EntityType.DISEASE), false);
    public static final DemoTask BC5CDR = new DemoTask("bc5cdr", Set.of(EntityType.DISEASE, EntityType.MEDICATION),
            false);
    /** Clinical case reports with the third type, SYMPTOM (and DISEASE, MEDICATION). */
    public static final DemoTask MACCROBAT = new DemoTask(BundledData.MACCROBAT,
            Set.of(EntityType.SYMPTOM, EntityType.DISEASE, EntityType.MEDICATION), true);

    public DemoTask {
        types = Set.copyOf(types);
    }

    /** The bundled tasks, in the order the main job runs them. */
    public static List<DemoTask> all() {
        return List.of(NCBI_DISEASE, BC5CDR, MACCROBAT);
    }

    /** The task with this name. */
    public static DemoTask named(String name) {
        return all().stream().filter(task -> task.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task '" + name + "': expected one of "
                        + all().stream().map(DemoTask::name).toList()));
    }
}
