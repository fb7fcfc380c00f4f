package io.github.meddistill.teachers.internal;

import java.time.Duration;

/**
 * A token bucket for a per-minute limit (requests or tokens): it refills continuously and holds at
 * most one second's allowance (at least one unit), so a fresh limiter does not fire a minute's worth
 * at once and trip the provider's own per-second smoothing. {@link #acquire(long)} reserves first and then sleeps, so callers are served in order
 * of arrival; a request larger than the bucket drives it into debt and waits until that is repaid,
 * which keeps the long-run rate exact.
 * Thread-safe.
 */
public final class RateLimiter {

    private final double capacity;
    private final double perNano;
    private double available;
    private long last;

    /** A limiter allowing {@code perMinute} units per minute; {@code perMinute} must be positive. */
    public RateLimiter(long perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("limit per minute must be positive: " + perMinute);
        }
        this.capacity = Math.max(1.0, perMinute / 60.0);
        this.perNano = perMinute / 60e9;
        this.available = capacity;
        this.last = System.nanoTime();
    }

    /** Takes {@code units}, waiting until they are available. */
    public void acquire(long units) throws InterruptedException {
        Duration wait = reserve(units);
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        }
    }

    /**
     * Takes {@code units} now, possibly into debt, and returns how long the caller must wait before using them
     * ({@link Duration#ZERO} if at once): {@link #acquire} is this plus the sleep, and a limiter serving callers in
     * other processes answers with it.
     */
    public synchronized Duration reserve(long units) {
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - last) * perNano);
        last = now;
        available -= units;
        return available >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-available / perNano));
    }
}
