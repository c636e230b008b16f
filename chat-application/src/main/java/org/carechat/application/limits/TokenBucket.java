package org.carechat.application.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code burst} frames at once, refilled at {@code perSecond}. Time comes from the caller
 * (the adapter's clock), so tests move it by hand; a clock that steps back refills nothing. Counted in
 * whole integers (a token is 10^9 units, refilled by {@code perSecond} units per nanosecond) so that
 * waiting exactly the advertised {@code retryAfterMs} always yields a token.
 */
final class TokenBucket {
    private static final long UNITS_PER_TOKEN = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long perSecond;
    private final long capacityUnits;
    private final long nanosToFill;
    private long units;
    private Instant refilledAt;

    TokenBucket(int perSecond, int burst, Instant now) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perSecond = perSecond;
        this.capacityUnits = burst * UNITS_PER_TOKEN;
        this.nanosToFill = capacityUnits / perSecond + 1;
        this.units = capacityUnits;
        this.refilledAt = now;
    }

    /**
     * Takes one token if there is one.
     *
     * @return 0 when taken, otherwise how many milliseconds until there will be one (at least 1)
     */
    synchronized long tryTake(Instant now) {
        refill(now);
        if (units >= UNITS_PER_TOKEN) {
            units -= UNITS_PER_TOKEN;
            return 0;
        }
        long missing = UNITS_PER_TOKEN - units;
        long nanos = ceilDiv(missing, perSecond);
        return Math.max(1, ceilDiv(nanos, NANOS_PER_MILLI));
    }

    private void refill(Instant now) {
        if (!now.isAfter(refilledAt)) {
            return;
        }
        long elapsed = Math.min(nanosBetween(refilledAt, now), nanosToFill);
        units = Math.min(capacityUnits, units + elapsed * perSecond);
        refilledAt = now;
    }

    private static long nanosBetween(Instant from, Instant to) {
        try {
            return Duration.between(from, to).toNanos();
        } catch (ArithmeticException longAgo) {
            return Long.MAX_VALUE;
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
