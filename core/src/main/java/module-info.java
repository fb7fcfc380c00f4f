/**
 * MedDistill core: documents, entities, annotations, the teacher / student / trainer / matcher contracts, label
 * schemes, label combination, corpus readers and writers, and the {@code Distillation} pipeline. Exports every
 * package except {@code io.github.meddistill.core.io.internal}, which is not a published API.
 */
module io.github.meddistill.core {
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.meddistill.core;
    exports io.github.meddistill.core.combine;
    exports io.github.meddistill.core.context;
    exports io.github.meddistill.core.io;
    exports io.github.meddistill.core.labels;
    exports io.github.meddistill.core.pipeline;
    exports io.github.meddistill.core.text;
}
