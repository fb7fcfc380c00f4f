package io.github.meddistill.examples.guide;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.combine.MajorityVoteCombiner;
import io.github.meddistill.core.combine.UnionCombiner;
import io.github.meddistill.examples.teachers.ClinicalPatternTeacher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writing your own teacher: implement {@link Teacher#name()} and {@link Teacher#annotate(Document)},
 * then combine it with others. Overriding {@link Teacher#configuration()} with what decides the labels (here the
 * pattern) lets a distillation redo its cached labels when you change it. Here a teacher labels what a note says a patient "takes", "is on" or
 * "was started on", and is combined with the rule-based {@link ClinicalPatternTeacher} by union and
 * by a 2-of-2 vote.
 *
 * <p>Run: {@code java -cp examples/target/meddistill.jar io.github.meddistill.examples.guide.CustomTeacherExample}
 */
public final class CustomTeacherExample {

    /** Labels the word after "takes", "is on", "was started on" or "continue" as a medication. */
    static final class TakesTeacher implements Teacher {

        private static final Pattern TAKES = Pattern.compile(
                "\\b(?:takes|taking|is on|was started on|started on|continue|continued on)\\s+([A-Za-z][A-Za-z-]{3,})",
                Pattern.CASE_INSENSITIVE);

        @Override
        public String name() {
            return "takes";
        }

        @Override
        public String configuration() {
            return "pattern=" + TAKES.pattern();
        }

        @Override
        public Annotation annotate(Document document) {
            List<Entity> entities = new ArrayList<>();
            Matcher matcher = TAKES.matcher(document.text());
            while (matcher.find()) {
                entities.add(Entity.of(document.text(), matcher.start(1), matcher.end(1), EntityType.MEDICATION));
            }
            return new Annotation(document, entities, name());
        }
    }

    private CustomTeacherExample() {
    }

    public static void main(String[] args) {
        Document note = new Document("note-1", "Patient takes lisinopril daily and was started on metformin."
                + " History of chronic pancreatitis. Continue aspirin.");
        Annotation takes = new TakesTeacher().annotate(note);
        Annotation patterns = new ClinicalPatternTeacher("patterns", Set.of(EntityType.MEDICATION, EntityType.DISEASE))
                .annotate(note);
        print("takes", takes);
        print("patterns", patterns);
        print("union", new UnionCombiner().combine(List.of(takes, patterns), "union"));
        print("2-of-2 vote", new MajorityVoteCombiner(2).combine(List.of(takes, patterns), "vote"));
    }

    private static void print(String label, Annotation annotation) {
        System.out.printf("%-12s %s%n", label, annotation.entities().stream().map(e -> e.type() + ":" + e.text()).toList());
    }
}
