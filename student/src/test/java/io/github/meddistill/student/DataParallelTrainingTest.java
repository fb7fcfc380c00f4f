package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.Safetensors;

/**
 * The multi-device path (batch shards, gradient sum on the first device, weight broadcast) exercised with two CPU
 * replicas: without dropout it must give the same weights as one device, since shard losses are normalised by the
 * whole batch's labelled tokens.
 */
class DataParallelTrainingTest {

    private static final BertConfig NO_DROPOUT = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.0, 0.0);

    private static Map<String, FloatTensor> trainAndRead(List<Device> devices, Path dir) {
        List<Annotation> training = SyntheticNotes.generate(24, 3);
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(NO_DROPOUT))
                .learningRate(1e-3).epochs(1).batchSize(8).seed(11).devices(devices).build();
        try (BertStudent student = trainer.train(training, List.of())) {
            student.save(dir);
        }
        return Safetensors.read(dir.resolve("model.safetensors"));
    }

    @Test
    void should_match_single_device_weights_when_a_batch_is_split_across_two_replicas(@TempDir Path dir) {
        Map<String, FloatTensor> single = trainAndRead(List.of(Device.cpu()), dir.resolve("one"));
        Map<String, FloatTensor> split = trainAndRead(List.of(Device.cpu(), Device.cpu()), dir.resolve("two"));

        float maxDiff = 0;
        float maxChange = 0;
        for (Map.Entry<String, FloatTensor> entry : single.entrySet()) {
            float[] a = entry.getValue().values();
            float[] b = split.get(entry.getKey()).values();
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
        }
        assertThat(split.keySet()).isEqualTo(single.keySet());
        assertThat(maxDiff).as("max weight difference between 1 and 2 replicas").isLessThan(1e-4f);
        float[] classifier = single.get("classifier.bias").values();
        for (float value : classifier) {
            maxChange = Math.max(maxChange, Math.abs(value));
        }
        assertThat(maxChange).as("training moved the zero-initialised classifier bias").isPositive();
    }
}
