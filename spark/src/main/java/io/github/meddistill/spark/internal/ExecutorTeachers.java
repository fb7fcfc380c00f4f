package io.github.meddistill.spark.internal;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.spark.SparkTeacher;
import io.github.meddistill.teachers.LlmTeacherBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teachers of this JVM: one per {@link SparkTeacher} (and budget endpoint), made by the first task that needs it
 * and shared by every task after it, so an LLM teacher's answer cache in memory serves every retry on this executor.
 * Teachers that hold resources are closed when the JVM exits (an LLM teacher forces its cache journal to disk then).
 * Thread-safe.
 */
public final class ExecutorTeachers {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTeachers.class);
    private static final Map<String, Teacher> TEACHERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorTeachers::closeAll, "meddistill-teacher-close"));
    }

    private ExecutorTeachers() {
    }

    /** The teacher for {@code task}, made on first use. */
    public static Teacher get(TeacherTask task) {
        return TEACHERS.computeIfAbsent(task.key(), key -> make(task));
    }

    private static Teacher make(TeacherTask task) {
        Teacher teacher;
        if (task.teacher() instanceof SparkTeacher.Llm llm) {
            LlmTeacherBuilder<?> builder = llm.factory().builder();
            if (builder == null) {
                throw new NonRetriableException("the LLM teacher factory of column '" + llm.column()
                        + "' returned no builder");
            }
            builder.requestBudget(task.budget());
            teacher = builder.build();
        } else {
            teacher = ((SparkTeacher.Plain) task.teacher()).factory().create();
        }
        if (teacher == null) {
            throw new NonRetriableException("the teacher factory of column '" + task.teacher().column()
                    + "' returned no teacher");
        }
        LOG.info("made teacher {} for column '{}'", teacher.name(), task.teacher().column());
        return teacher;
    }

    private static void closeAll() {
        for (Teacher teacher : TEACHERS.values()) {
            if (teacher instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing teacher {} failed: {}", teacher.name(), e.toString());
                }
            }
        }
    }
}
