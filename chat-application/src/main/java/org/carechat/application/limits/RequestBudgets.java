package org.carechat.application.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.carechat.application.Actor;
import org.carechat.domain.user.UserId;

/**
 * One request budget per user, shared by all of their sockets and HTTP requests: a user cannot get more by
 * opening more sockets or by switching doors. Each door asks before it handles a request (a frame, an HTTP
 * request) and refuses it with {@code RATE_LIMITED} / {@code 429} when the budget is spent. A budget idle
 * long enough to be full again is forgotten, so the map holds only recently active users.
 */
public final class RequestBudgets {
    private static final int SWEEP_EVERY = 4096;

    private final RateLimits limits;
    private final Clock clock;
    private final ConcurrentHashMap<UserId, Entry> byUser = new ConcurrentHashMap<>();

    public RequestBudgets(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Takes one request from the actor's budget.
     *
     * @return 0 when the request may go on, otherwise how many milliseconds until one more is admitted
     */
    public long admit(Actor actor) {
        Instant now = clock.instant();
        // about once every SWEEP_EVERY requests, without a counter every request thread would write to
        if (ThreadLocalRandom.current().nextInt(SWEEP_EVERY) == 0) {
            forgetIdle(now);
        }
        RateLimits.Budget budget = actor.role().administers() ? limits.administrators() : limits.people();
        Entry entry = byUser.computeIfAbsent(actor.id(), id -> new Entry(new TokenBucket(budget.perSecond(),
                budget.burst(), now), budget));
        entry.lastUsed = now;
        return entry.bucket.tryTake(now);
    }

    /** Users with a budget in memory now (for tests and metrics). */
    public int tracked() {
        return byUser.size();
    }

    private void forgetIdle(Instant now) {
        byUser.entrySet().removeIf(e -> e.getValue().lastUsed.plus(fillTime(e.getValue().budget)).isBefore(now));
    }

    private static Duration fillTime(RateLimits.Budget budget) {
        return Duration.ofMillis(1000L * budget.burst() / budget.perSecond() + 1000);
    }

    private static final class Entry {
        final TokenBucket bucket;
        final RateLimits.Budget budget;
        volatile Instant lastUsed;

        Entry(TokenBucket bucket, RateLimits.Budget budget) {
            this.bucket = bucket;
            this.budget = budget;
        }
    }
}
