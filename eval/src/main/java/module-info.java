/**
 * Evaluation: span F1 by type with bootstrap intervals, error analysis, cost comparison, reports and the search over
 * label combinations. {@code io.github.meddistill.eval.internal} is not a published API.
 */
module io.github.meddistill.eval {
    requires transitive io.github.meddistill.core;
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.meddistill.eval;
    exports io.github.meddistill.eval.cost;
    exports io.github.meddistill.eval.errors;
    exports io.github.meddistill.eval.report;
    exports io.github.meddistill.eval.search;
}
