package org.carechat.adapter.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;

/**
 * The audit trail in memory, append-only and ordered by time, so that a question about a period reads
 * only that period. Entries of the same instant keep the order in which they were appended.
 */
public final class InMemoryAuditTrail implements AuditTrail {
    private final ConcurrentSkipListMap<Key, AuditEntry> byTime = new ConcurrentSkipListMap<>();
    private final AtomicLong appended = new AtomicLong();

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        byTime.put(new Key(entry.at(), appended.incrementAndGet()), entry);
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        NavigableMap<Key, AuditEntry> period = byTime;
        if (query.from() != null && query.to() != null) {
            if (!query.from().isBefore(query.to())) {
                return List.of();
            }
            period = byTime.subMap(Key.first(query.from()), true, Key.first(query.to()), false);
        } else if (query.from() != null) {
            period = byTime.tailMap(Key.first(query.from()), true);
        } else if (query.to() != null) {
            period = byTime.headMap(Key.first(query.to()), false);
        }
        List<AuditEntry> found = new ArrayList<>();
        for (AuditEntry entry : period.descendingMap().values()) {
            if ((query.actor() == null || query.actor().equals(entry.actor()))
                    && (query.target() == null || entry.targets().contains(query.target()))) {
                found.add(entry);
                if (found.size() == query.limit()) {
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    @Override
    public int deleteBefore(Instant cutoff, Set<AuditAction> keep, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(keep, "keep");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        int deleted = 0;
        for (var entry : byTime.headMap(Key.first(cutoff), false).entrySet()) {
            if (deleted == limit) {
                break;
            }
            if (!keep.contains(entry.getValue().action()) && byTime.remove(entry.getKey(), entry.getValue())) {
                deleted++;
            }
        }
        return deleted;
    }

    /** When an entry happened, and its rank among entries appended for the same instant. */
    private record Key(Instant at, long rank) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparingLong(Key::rank);

        static Key first(Instant at) {
            return new Key(at, Long.MIN_VALUE);
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }
}
