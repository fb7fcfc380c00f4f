package io.github.meddistill.teachers.internal;

import java.time.Duration;

/**
 * A token bucket per minute (requests or tokens): it holds at most one minute's allowance and refills
 * continuously. {@link #acquire(long)} reserves first and then sleeps, so callers are served in order
 * of arrival and a request larger than the bucket still passes (after the bucket has refilled).
 * Thread-safe.
 */
public final class RateLimiter {

    private final double perMinute;
    private final double perNano;
    private double available;
    private long last;

    /** A limiter allowing {@code perMinute} units per minute; {@code perMinute} must be positive. */
    public RateLimiter(long perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("limit per minute must be positive: " + perMinute);
        }
        this.perMinute = perMinute;
        this.perNano = perMinute / 60e9;
        this.available = perMinute;
        this.last = System.nanoTime();
    }

    /** Takes {@code units}, waiting until they are available. */
    public void acquire(long units) throws InterruptedException {
        Duration wait = reserve(Math.min(units, (long) perMinute));
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        }
    }

    private synchronized Duration reserve(long units) {
        long now = System.nanoTime();
        available = Math.min(perMinute, available + (now - last) * perNano);
        last = now;
        available -= units;
        return available >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-available / perNano));
    }
}
