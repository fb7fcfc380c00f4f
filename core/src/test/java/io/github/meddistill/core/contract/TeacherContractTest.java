package io.github.meddistill.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.Teacher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Teacher} keeps, as tests any implementation can inherit, your own included:
 * depend on {@code meddistill-core} with classifier {@code tests} (test scope), extend this class and
 * return your teacher from {@link #teacher()}.
 *
 * <pre>{@code
 * class MyTeacherContractTest extends TeacherContractTest {
 *     protected Teacher teacher() { return new MyTeacher(); }
 * }
 * }</pre>
 */
public abstract class TeacherContractTest {

    /** The teacher under test (a new or a shared instance). */
    protected abstract Teacher teacher();

    /** Notes the teacher is exercised on; override to use text your teacher finds entities in. */
    protected List<Document> notes() {
        return List.of(
                new Document("c1", "Started metformin 500 mg b.i.d. for type 2 diabetes mellitus; denies chest pain."),
                new Document("c2", "Hx of chronic pancreatitis and hepatitis C.\r\nOn lisinopril, atorvastatin."),
                new Document("c3", "Naïve patient with cystic fibrosis\u00a0and Wiskott-Aldrich syndrome; aspirin daily."),
                new Document("c4", ""));
    }

    @Test
    void should_have_a_stable_non_blank_name() {
        Teacher teacher = teacher();
        assertThat(teacher.name()).isNotBlank().isEqualTo(teacher.name());
    }

    @Test
    void should_annotate_the_given_document_under_its_own_name() {
        Teacher teacher = teacher();
        for (Document note : notes()) {
            Annotation annotation = teacher.annotate(note);
            assertThat(annotation.document()).isEqualTo(note);
            assertThat(annotation.source()).isEqualTo(teacher.name());
        }
    }

    @Test
    void should_return_entities_that_cover_exactly_their_text() {
        for (Document note : notes()) {
            for (Entity entity : teacher().annotate(note).entities()) {
                assertThat(note.text().substring(entity.start(), entity.end())).isEqualTo(entity.text());
            }
        }
    }

    @Test
    void should_find_nothing_when_the_note_is_empty() {
        assertThat(teacher().annotate(new Document("empty", "")).entities()).isEmpty();
    }

    @Test
    void should_give_the_same_labels_when_asked_twice() {
        Teacher teacher = teacher();
        for (Document note : notes()) {
            assertThat(teacher.annotate(note)).isEqualTo(teacher.annotate(note));
        }
    }

    @Test
    void should_label_many_documents_in_input_order_like_one_by_one() {
        Teacher teacher = teacher();
        List<Annotation> all = teacher.annotateAll(notes());
        assertThat(all).extracting(Annotation::documentId).containsExactlyElementsOf(notes().stream().map(Document::id).toList());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i)).isEqualTo(teacher.annotate(notes().get(i)));
        }
    }
}
