package io.github.meddistill.spark;

import io.github.meddistill.core.Teacher;
import java.io.Serializable;

/**
 * Makes a teacher on an executor. Spark serializes the factory (usually a lambda capturing only paths and settings)
 * with the job, never the teacher: each executor JVM calls it once and shares the teacher between its tasks, so the
 * teacher must be thread-safe (the dictionary and LLM teachers are).
 */
@FunctionalInterface
public interface TeacherFactory extends Serializable {

    /** A new teacher; called once per executor JVM. */
    Teacher create();
}
