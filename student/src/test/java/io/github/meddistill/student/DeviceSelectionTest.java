package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import ai.djl.Device;

class DeviceSelectionTest {

    @Test
    void should_pick_the_cpu_when_auto_and_no_gpu_is_visible() {
        assertThat(DeviceSelection.resolve("auto", 0)).containsExactly(Device.cpu());
    }

    @Test
    void should_pick_every_gpu_when_auto_and_gpus_are_visible() {
        assertThat(DeviceSelection.resolve("auto", 2)).containsExactly(Device.gpu(0), Device.gpu(1));
    }

    @Test
    void should_pick_the_listed_gpus_when_given_indexes() {
        assertThat(DeviceSelection.resolve("gpu:1, 0,1", 4)).containsExactly(Device.gpu(1), Device.gpu(0));
        assertThat(DeviceSelection.resolve("CPU", 4)).containsExactly(Device.cpu());
    }

    @Test
    void should_explain_when_a_gpu_is_asked_for_but_missing() {
        assertThatThrownBy(() -> DeviceSelection.resolve("gpu", 0)).hasMessageContaining("no GPU is visible");
        assertThatThrownBy(() -> DeviceSelection.resolve("gpu:3", 2)).hasMessageContaining("GPU 3 does not exist");
        assertThatThrownBy(() -> DeviceSelection.resolve("gpu:x", 2)).hasMessageContaining("'x' is not a GPU index");
        assertThatThrownBy(() -> DeviceSelection.resolve("npu", 2)).hasMessageContaining("unknown devices spec");
    }

    @Test
    void should_split_a_batch_evenly_when_sharding_across_devices() {
        assertThat(DeviceSelection.shardSizes(10, 3)).containsExactly(4, 3, 3);
        assertThat(DeviceSelection.shardSizes(2, 4)).containsExactly(1, 1);
        assertThat(DeviceSelection.shardSizes(5, 1)).containsExactly(5);
    }
}
