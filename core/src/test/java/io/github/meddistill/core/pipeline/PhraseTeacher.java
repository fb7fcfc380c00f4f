package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A teacher that labels every occurrence of known phrases, and counts the notes it was asked about. */
final class PhraseTeacher implements Teacher {

    private final String name;
    private final Map<String, EntityType> phrases;
    final AtomicInteger annotated = new AtomicInteger();
    volatile String configuration = "";

    PhraseTeacher(String name, Map<String, EntityType> phrases) {
        this.name = name;
        this.phrases = phrases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String configuration() {
        return configuration;
    }

    @Override
    public Annotation annotate(Document document) {
        annotated.incrementAndGet();
        List<Entity> entities = new ArrayList<>();
        phrases.forEach((phrase, type) -> {
            for (int at = document.text().indexOf(phrase); at >= 0; at = document.text().indexOf(phrase, at + 1)) {
                entities.add(Entity.of(document.text(), at, at + phrase.length(), type));
            }
        });
        return new Annotation(document, entities, name);
    }
}
