package io.github.meddistill.spark.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a partition in batches: pulls up to {@code batchSize} inputs, hands them to the batch function, and returns
 * its outputs one by one before pulling the next batch, so that a partition is never held in memory whole. Not
 * thread-safe (Spark reads a partition's iterator from one thread).
 *
 * @param <T> input rows
 * @param <R> output rows, one per input, in order
 */
public final class BatchingIterator<T, R> implements Iterator<R> {

    private final Iterator<T> input;
    private final int batchSize;
    private final Function<List<T>, List<R>> process;
    private Iterator<R> current = Collections.emptyIterator();

    public BatchingIterator(Iterator<T> input, int batchSize, Function<List<T>, List<R>> process) {
        this.input = Objects.requireNonNull(input, "input");
        this.process = Objects.requireNonNull(process, "process");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: batchSize=" + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<T> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && input.hasNext()) {
                batch.add(input.next());
            }
            List<R> out = process.apply(batch);
            if (out.size() != batch.size()) {
                throw new IllegalStateException("batch function returned " + out.size() + " rows for " + batch.size());
            }
            current = out.iterator();
        }
        return current.hasNext();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException("partition exhausted");
        }
        return current.next();
    }
}
