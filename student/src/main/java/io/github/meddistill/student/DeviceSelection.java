package io.github.meddistill.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Chooses the devices a student trains and runs on from a spec and the number of GPUs the PyTorch engine sees.
 *
 * <p>Specs: {@code auto} (every GPU when there is one, else the CPU), {@code cpu}, {@code gpu} (every GPU),
 * {@code gpu:0,2} (those GPUs). With several devices, training splits each batch across them.
 *
 * <p>GPUs are visible only with a CUDA build of libtorch. In Maven, replace the test/runtime dependency
 * {@code ai.djl.pytorch:pytorch-native-cpu} with {@code pytorch-native-cu124} (classifier {@code linux-x86_64}),
 * or omit the native jar on a machine with internet access and DJL downloads the flavour matching the
 * installed CUDA; set {@code -Dmeddistill.devices=gpu} or call {@code devices(...)} on the builders.
 */
public final class DeviceSelection {

    private DeviceSelection() {
    }

    /** The devices for {@code spec} on this machine. */
    public static List<Device> resolve(String spec) {
        return resolve(spec, Engine.getEngine("PyTorch").getGpuCount());
    }

    /**
     * The devices for {@code spec} given {@code gpuCount} visible GPUs.
     *
     * @throws IllegalArgumentException for an unknown spec or a GPU that is not there
     */
    public static List<Device> resolve(String spec, int gpuCount) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return gpuCount > 0 ? allGpus(gpuCount) : List.of(Device.cpu());
        }
        if (s.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (s.equals("gpu")) {
            if (gpuCount == 0) {
                throw new IllegalArgumentException("devices=gpu but no GPU is visible to PyTorch (is a CUDA build of"
                        + " libtorch on the classpath instead of pytorch-native-cpu?)");
            }
            return allGpus(gpuCount);
        }
        if (s.startsWith("gpu:")) {
            List<Device> devices = new ArrayList<>();
            for (String part : s.substring(4).split(",")) {
                int id;
                try {
                    id = Integer.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("devices spec '" + spec + "': '" + part + "' is not a GPU index", e);
                }
                if (id < 0 || id >= gpuCount) {
                    throw new IllegalArgumentException("devices spec '" + spec + "': GPU " + id + " does not exist ("
                            + gpuCount + " visible)");
                }
                Device device = Device.gpu(id);
                if (!devices.contains(device)) {
                    devices.add(device);
                }
            }
            return List.copyOf(devices);
        }
        throw new IllegalArgumentException("unknown devices spec '" + spec + "': expected auto, cpu, gpu or gpu:0,1");
    }

    /**
     * How a batch of {@code batchSize} sequences is split across {@code devices} replicas: as even as possible,
     * earlier devices taking the remainder, no empty shard.
     */
    public static int[] shardSizes(int batchSize, int devices) {
        int shards = Math.max(1, Math.min(devices, batchSize));
        int[] sizes = new int[shards];
        for (int i = 0; i < shards; i++) {
            sizes[i] = batchSize / shards + (i < batchSize % shards ? 1 : 0);
        }
        return sizes;
    }

    private static List<Device> allGpus(int gpuCount) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < gpuCount; i++) {
            devices.add(Device.gpu(i));
        }
        return List.copyOf(devices);
    }
}
