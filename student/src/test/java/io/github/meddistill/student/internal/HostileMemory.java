package io.github.meddistill.student.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a busy JVM does to native memory at the worst moment, for tests: a garbage collection whose cleaners free
 * every direct buffer no longer referenced from Java, then fresh native allocations filled with garbage that may
 * land where those buffers were. Memory that an engine still reads after its Java owner let it go is then
 * overwritten (glibc also writes its free-list pointers into freed blocks), so use after free shows up as wrong
 * numbers instead of staying hidden.
 */
public final class HostileMemory {

    private HostileMemory() {
    }

    /** Collects garbage, lets the cleaners run, and refills freed native memory with 0xFF bytes. */
    public static void strike() {
        System.gc();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> garbage = new ArrayList<>();
        for (int size = 4; size <= 4096; size *= 2) {
            for (int i = 0; i < 8; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(size);
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0xFF);
                }
                garbage.add(buffer);
            }
        }
        garbage.clear();
    }

    /**
     * A daemon thread that strikes until stopped, so that collections fall between a training step's forward and
     * backward passes without any hook in the trainer.
     */
    public static Thread hammer() {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                strike();
            }
        }, "hostile-memory");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
