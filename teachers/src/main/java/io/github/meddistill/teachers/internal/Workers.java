package io.github.meddistill.teachers.internal;

import io.github.meddistill.core.NonRetriableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks on a fixed pool of named daemon threads and waits for all of them. */
public final class Workers {

    private Workers() {
    }

    /**
     * Runs every task on at most {@code threads} threads named {@code name-worker-N} and returns when all are done.
     * Tasks report their own failures; one that throws anyway is a bug and fails the call. Interrupting the caller
     * stops the pool and throws a {@link NonRetriableException} with the interrupt flag restored.
     */
    public static void runAll(String name, int threads, List<Runnable> tasks, String what) {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, name + "-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new NonRetriableException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + ": labelling worker failed unexpectedly", e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
