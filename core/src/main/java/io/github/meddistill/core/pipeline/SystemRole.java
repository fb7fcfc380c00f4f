package io.github.meddistill.core.pipeline;

/** What part a system plays in the method's evidence table. */
public enum SystemRole {
    /** One labeller: an LLM, a dictionary, a rule set. */
    TEACHER("teacher"),
    /** The chosen combination of teachers. */
    COMBINATION("combination"),
    /** The student distilled from the combination's labels. */
    STUDENT("student"),
    /** The reference student trained on human (gold) labels. */
    GOLD_STUDENT("gold-student");

    private final String label;

    SystemRole(String label) {
        this.label = label;
    }

    /** The name used in reports and JSON ({@code teacher}, {@code combination}, {@code student}, {@code gold-student}). */
    public String label() {
        return label;
    }
}
