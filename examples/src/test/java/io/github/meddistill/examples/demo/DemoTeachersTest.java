package io.github.meddistill.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;

class DemoTeachersTest {

    @TempDir
    Path dir;

    @Test
    void should_offer_hpo_as_a_disease_teacher_when_the_task_has_no_symptom_type() {
        try (DemoTeachers teachers = new DemoTeachers(dir.resolve("lexicons"), dir.resolve("cache"))) {
            List<Teacher> bc5cdr = teachers.forTask(DemoTask.named("bc5cdr"), Optional.empty());
            List<Teacher> maccrobat = teachers.forTask(DemoTask.named("maccrobat"), Optional.empty());

            assertThat(bc5cdr).extracting(Teacher::name)
                    .containsExactly("doid", "drugbank", "drugsatfda", "hpo", "patterns");
            Teacher hpo = bc5cdr.stream().filter(t -> t.name().equals("hpo")).findFirst().orElseThrow();
            String text = "Hypotension and seizures followed the infusion.";
            assertThat(hpo.annotate(new Document("n1", text)).entities()).extracting(Entity::text, Entity::type)
                    .contains(tuple("Hypotension", EntityType.DISEASE));
            // where SYMPTOM is a type, HPO teaches it and only it
            Teacher symptoms = maccrobat.stream().filter(t -> t.name().equals("hpo")).findFirst().orElseThrow();
            assertThat(symptoms.annotate(new Document("n2", text)).entities()).extracting(Entity::type)
                    .isNotEmpty().containsOnly(EntityType.SYMPTOM);
        }
    }
}
