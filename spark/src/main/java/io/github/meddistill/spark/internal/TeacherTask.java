package io.github.meddistill.spark.internal;

import io.github.meddistill.spark.SparkTeacher;
import java.io.Serializable;
import java.util.Objects;

/** A teacher as a task carries it: the recipe and, for an LLM teacher, the client of the job's request budget. */
public record TeacherTask(SparkTeacher teacher, SharedRequestBudget budget) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TeacherTask {
        Objects.requireNonNull(teacher, "teacher");
        if (teacher instanceof SparkTeacher.Llm && budget == null) {
            throw new IllegalArgumentException("LLM teacher of column '" + teacher.column() + "' needs a budget");
        }
    }

    /** One teacher per recipe and budget endpoint (a new application serves its budget elsewhere). */
    String key() {
        return teacher.id() + (budget == null ? "" : " " + budget.endpoint());
    }
}
