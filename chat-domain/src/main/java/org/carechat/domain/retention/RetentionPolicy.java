package org.carechat.domain.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.carechat.domain.failure.Refusal;

/**
 * How long a deployment keeps what it stores. {@code messages}: how long a message and the file it carries are
 * kept before they are purged (null: forever, the default, since deleting health data must be chosen); a
 * conversation may have a period of its own ({@link #requireDays}). {@code audit}: how long an audit entry is
 * kept (null: forever); six years by default, the documentation retention of HIPAA.
 */
public record RetentionPolicy(Duration messages, Duration audit) {
    /** Six years of 366 days: at least six years, whatever leap years they hold. */
    public static final Duration DEFAULT_AUDIT = Duration.ofDays(2192);
    /** The longest period a conversation may be given, in days (100 years). */
    public static final int MAX_DAYS = 36_500;
    /** The shortest audit retention: a year, so that no slip erases the record of who read what. */
    public static final Duration MIN_AUDIT = Duration.ofDays(365);

    /**
     * Both periods are whole days (never minutes or hours, so that a unit slip cannot purge fresh records), and the
     * audit's at least {@link #MIN_AUDIT}; null keeps forever.
     */
    public RetentionPolicy {
        for (Duration period : new Duration[] {messages, audit}) {
            if (period != null && (period.toDays() < 1 || !period.equals(Duration.ofDays(period.toDays())))) {
                throw new IllegalArgumentException("a retention period is whole days, at least one (null keeps forever)");
            }
        }
        if (audit != null && audit.compareTo(MIN_AUDIT) < 0) {
            throw new IllegalArgumentException("the audit retention is at least " + MIN_AUDIT.toDays() + " days");
        }
    }

    /** Messages kept forever, audit entries six years. */
    public static RetentionPolicy standard() {
        return new RetentionPolicy(null, DEFAULT_AUDIT);
    }

    /** Messages created before the returned instant are due, under {@code period} (none when kept forever). */
    public static Optional<Instant> cutoff(Duration period, Instant now) {
        return period == null ? Optional.empty() : Optional.of(now.minus(period));
    }

    /** The cutoff of a conversation: its own period when it has one, else the deployment's. */
    public Optional<Instant> messageCutoff(Duration own, Instant now) {
        return cutoff(own != null ? own : messages, now);
    }

    public Optional<Instant> auditCutoff(Instant now) {
        return cutoff(audit, now);
    }

    /** A conversation's own period, as an administrator gives it: 1..{@value #MAX_DAYS} whole days. */
    public static Duration requireDays(Integer days) {
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw Refusal.invalid("days must be 1.." + MAX_DAYS);
        }
        return Duration.ofDays(days);
    }
}
