package org.carechat.adapter.inmemory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.carechat.application.port.IdGenerator;

/**
 * Hands out ULIDs: 26 characters of Crockford base32, the first ten the time in milliseconds and the rest
 * random, so ids sort by creation time and cannot be guessed. Ids made in the same millisecond (or while
 * the clock stands still or steps back) are made by counting up from the previous one, so every id sorts
 * after the one before it.
 */
public final class UlidIdGenerator implements IdGenerator {
    /** The length of every id. */
    public static final int LENGTH = 26;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long MAX_TIME = (1L << 48) - 1;
    private static final long HIGH_MASK = 0xFFFFL;

    private final Clock clock;
    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastTime = -1;
    /** The upper 16 of the 80 random bits. */
    private long high;
    /** The lower 64 of the 80 random bits. */
    private long low;

    public UlidIdGenerator(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** On the system clock with a strong random source. */
    public UlidIdGenerator() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    @Override
    public String newId() {
        long time;
        long hi;
        long lo;
        lock.lock();
        try {
            long now = clock.millis();
            if (now < 0 || now > MAX_TIME) {
                throw new IllegalStateException("the clock is outside the range a ULID can hold: " + now);
            }
            if (now > lastTime) {
                lastTime = now;
                high = random.nextInt() & HIGH_MASK;
                low = random.nextLong();
            } else {
                increment();
            }
            time = lastTime;
            hi = high;
            lo = low;
        } finally {
            lock.unlock();
        }
        return encode(time, hi, lo);
    }

    private void increment() {
        low++;
        if (low == 0) {
            high = (high + 1) & HIGH_MASK;
            if (high == 0) {
                // 2^80 ids in one millisecond: borrow the next millisecond rather than repeat an id.
                if (lastTime == MAX_TIME) {
                    throw new IllegalStateException("no ULID is left for this millisecond");
                }
                lastTime++;
            }
        }
    }

    private static String encode(long time, long high, long low) {
        char[] chars = new char[LENGTH];
        for (int i = 9; i >= 0; i--) {
            chars[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int j = 0; j < 16; j++) {
            int bit = j * 5;
            long fiveBits;
            if (bit + 5 <= 64) {
                fiveBits = low >>> bit;
            } else if (bit >= 64) {
                fiveBits = high >>> (bit - 64);
            } else {
                fiveBits = (low >>> bit) | (high << (64 - bit));
            }
            chars[LENGTH - 1 - j] = ALPHABET[(int) (fiveBits & 31)];
        }
        return new String(chars);
    }
}
