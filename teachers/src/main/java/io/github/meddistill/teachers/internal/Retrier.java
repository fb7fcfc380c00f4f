package io.github.meddistill.teachers.internal;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.RetriableException;
import io.github.meddistill.teachers.RateLimitedException;
import io.github.meddistill.teachers.RetryPolicy;
import io.github.meddistill.teachers.ServerErrorException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of the teachers: runs an attempt, retries {@link RetriableException}s after the
 * {@link RetryPolicy}'s delay (at least the server's hint), rethrows everything else at once, gives
 * up after the policy's attempts, and stops waiting when the owner is closed. Restores the interrupt
 * flag when interrupted. Thread-safe.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final BooleanSupplier cancelled;
    private final Object sleepLock = new Object();

    /** A retrier that stops between attempts once {@code cancelled} says so. */
    public Retrier(RetryPolicy policy, BooleanSupplier cancelled) {
        this.policy = policy;
        this.cancelled = cancelled;
    }

    public <T> T call(String what, Supplier<T> attempt) {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.get();
            } catch (RetriableException e) {
                if (attemptNumber >= policy.maxAttempts()) {
                    throw new RetriableException(what + " failed after " + attemptNumber + " attempts: " + e.getMessage(), e);
                }
                Duration delay = policy.delay(attemptNumber, hint(e));
                LOG.warn("{}: attempt {}/{} failed ({}); retrying in {} ms", what, attemptNumber, policy.maxAttempts(),
                        e.getMessage(), delay.toMillis());
                sleep(what, delay);
            }
        }
    }

    /** Wakes up every waiting retry, e.g. when the owner is closed. */
    public void wakeUp() {
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
    }

    private void sleep(String what, Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (sleepLock) {
            try {
                for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                    if (cancelled.getAsBoolean()) {
                        throw new NonRetriableException(what + ": stopped while waiting to retry (the teacher was closed)");
                    }
                    sleepLock.wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NonRetriableException(what + ": interrupted while waiting to retry", e);
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new NonRetriableException(what + ": stopped before retrying (the teacher was closed)");
        }
    }

    private static Duration hint(RetriableException e) {
        if (e instanceof RateLimitedException r) {
            return r.retryAfter().orElse(null);
        }
        if (e instanceof ServerErrorException s) {
            return s.retryAfter().orElse(null);
        }
        return null;
    }
}
