package io.github.meddistill.spark;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A teacher for {@link MedDistillSpark#label}: the column it fills and how to make it on the executors. Serializable
 * and immutable; it carries a factory, never a teacher. Each value has an id of its own: executors make one teacher
 * per value and JVM, and the driver one request budget per LLM value and Spark application.
 */
public sealed interface SparkTeacher extends Serializable {

    /** The column of entities this teacher fills; its error column is this plus {@link LabelOptions#errorSuffix()}. */
    String column();

    /** Tells values apart on the executors. */
    String id();

    /** Any thread-safe teacher (a dictionary, a rule set, a student as teacher, an LLM without a job limit). */
    static SparkTeacher of(String column, TeacherFactory factory) {
        return new Plain(column, factory, UUID.randomUUID().toString());
    }

    /**
     * An LLM teacher held to {@code limit} for the whole job: the builder gets a request budget served by the driver
     * and shared by every executor. Give the builder a cache directory on storage every executor mounts, so that a
     * task retried on another executor reads what the failed attempt paid for.
     */
    static SparkTeacher llm(String column, JobRateLimit limit, LlmTeacherFactory factory) {
        return new Llm(column, factory, limit, UUID.randomUUID().toString());
    }

    /** A teacher made by a {@link TeacherFactory}. */
    record Plain(String column, TeacherFactory factory, String id) implements SparkTeacher {

        private static final long serialVersionUID = 1L;

        public Plain {
            ExtractOptions.requireName("column", column);
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(id, "id");
        }
    }

    /** An LLM teacher under a job-wide rate limit. */
    record Llm(String column, LlmTeacherFactory factory, JobRateLimit limit, String id) implements SparkTeacher {

        private static final long serialVersionUID = 1L;

        public Llm {
            ExtractOptions.requireName("column", column);
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(id, "id");
        }
    }
}
