package io.github.meddistill.eval.errors;

import static io.github.meddistill.core.EntityType.DISEASE;
import static io.github.meddistill.core.EntityType.MEDICATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.eval.SpanEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorAnalysisTest {

    private static Annotation annotation(Document document, String source, Object... spans) {
        List<Entity> entities = new java.util.ArrayList<>();
        for (int i = 0; i < spans.length; i += 3) {
            entities.add(Entity.of(document.text(), (int) spans[i], (int) spans[i + 1], (EntityType) spans[i + 2]));
        }
        return new Annotation(document, entities, source);
    }

    @Test
    void should_group_errors_by_folded_surface_form_most_frequent_first() {
        //                                 0         1         2
        //                                 012345678901234567890123456
        Document first = new Document("a", "Fever and Breast Cancer.");
        Document second = new Document("b", "fever, then breast  cancer\nlater");
        Document third = new Document("c", "aspirin for fever");
        List<Annotation> gold = List.of(annotation(first, "gold", 0, 5, DISEASE, 10, 23, DISEASE),
                annotation(second, "gold", 0, 5, DISEASE, 12, 26, DISEASE),
                annotation(third, "gold", 0, 7, MEDICATION, 12, 17, DISEASE));
        List<Annotation> predicted = List.of(annotation(first, "sys", 17, 23, DISEASE),
                annotation(second, "sys"),
                annotation(third, "sys", 0, 7, DISEASE, 12, 17, DISEASE));

        ErrorAnalysis errors = ErrorAnalysis.of(SpanEvaluator.score("sys", gold, predicted), 6, 5);

        List<ErrorGroup> missed = errors.groups(DISEASE, ErrorKind.FALSE_NEGATIVE);
        assertThat(missed).extracting(ErrorGroup::surfaceForm, ErrorGroup::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("breast cancer", 2),
                        org.assertj.core.groups.Tuple.tuple("fever", 2));
        ErrorExample breast = missed.get(0).examples().get(0);
        assertThat(breast.documentId()).isEqualTo("a");
        assertThat(breast.leftContext()).isEqualTo("r and ");
        assertThat(breast.rightContext()).isEqualTo(".");
        assertThat(breast.cause()).isEqualTo(ErrorCause.BOUNDARY);
        assertThat(missed.get(0).examples().get(1).rightContext()).isEqualTo(" later");
        assertThat(missed.get(1).examples()).extracting(ErrorExample::cause).containsOnly(ErrorCause.UNMATCHED);

        List<ErrorGroup> spurious = errors.groups(DISEASE, ErrorKind.FALSE_POSITIVE);
        assertThat(spurious).extracting(ErrorGroup::surfaceForm).containsExactly("aspirin", "cancer");
        assertThat(spurious.get(0).examples().get(0).cause()).isEqualTo(ErrorCause.WRONG_TYPE);
        assertThat(errors.count(MEDICATION, ErrorKind.FALSE_NEGATIVE)).isEqualTo(1);
        assertThat(errors.count(MEDICATION, ErrorKind.FALSE_POSITIVE)).isZero();
    }
}
