package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.context.ContextEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrichingStudentTest {

    private static final EntityType SYMPTOM = EntityType.of("SYMPTOM");

    /** Finds the word "fever". */
    private static final class FeverStudent implements Student {
        boolean closed;

        @Override
        public List<Entity> extract(String text) {
            int at = text.indexOf("fever");
            return at < 0 ? List.of() : List.of(Entity.of(text, at, at + 5, SYMPTOM));
        }

        @Override
        public Set<EntityType> entityTypes() {
            return Set.of(SYMPTOM);
        }

        @Override
        public void save(Path directory) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void should_attach_assertions_when_the_student_is_wrapped_with_the_engine() {
        FeverStudent plain = new FeverStudent();
        try (Student student = EnrichingStudent.wrap(plain, ContextEngine.defaults())) {
            assertThat(student.extract("Denies fever.").get(0).assertion().negated()).isEqualTo(Flag.YES);
            assertThat(student.extractAll(List.of("High fever.", "No fever.")))
                    .extracting(l -> l.get(0).assertion().negated()).containsExactly(Flag.NO, Flag.YES);
        }
        assertThat(plain.closed).isTrue();
    }

    @Test
    void should_leave_entities_unknown_when_no_enricher_is_given() {
        try (Student student = EnrichingStudent.wrap(new FeverStudent())) {
            assertThat(student.extract("No fever.").get(0).assertion()).isEqualTo(Assertion.UNKNOWN);
        }
    }
}
