package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;

/**
 * The audit trail in MongoDB, append-only, one document per entry keyed by the entry's id
 * ({@link AuditEntryMapper}). Queries combine the given criteria with typed filters (a target is matched
 * exactly against any element of the entry's targets), newest first, served by the indexes on
 * {@code (actor, at)}, {@code (targets, at)} and {@code at}. Entries of the same instant come newest id first.
 * Appending an entry whose id is already stored (a retry after a lost acknowledgement) changes nothing.
 */
public final class MongoAuditTrail implements AuditTrail {
    private final MongoCollection<Document> entries;

    MongoAuditTrail(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Document document = AuditEntryMapper.toDocument(entry);
        MongoErrors.run("append an audit entry", () -> {
            try {
                entries.insertOne(document);
            } catch (MongoException e) {
                if (!MongoErrors.duplicateKeyIndex(e).filter(MongoIndexes.ID::equals).isPresent()) {
                    throw e;
                }
            }
        });
    }

    @Override
    public int deleteBefore(Instant cutoff, Set<AuditAction> keep, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(keep, "keep");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Bson old = and(lt(AuditEntryMapper.AT, Fields.dateRoundedUp(cutoff)),
                nin(AuditEntryMapper.ACTION, keep.stream().map(AuditAction::name).toList()));
        return MongoErrors.call("delete old audit entries", () -> {
            List<Object> ids = new ArrayList<>();
            entries.find(old).sort(orderBy(ascending(AuditEntryMapper.AT), ascending(AuditEntryMapper.ID)))
                    .limit(limit).projection(new Document(AuditEntryMapper.ID, 1))
                    .forEach(document -> ids.add(document.get(AuditEntryMapper.ID)));
            return ids.isEmpty() ? 0 : (int) entries.deleteMany(in(AuditEntryMapper.ID, ids)).getDeletedCount();
        });
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        List<Bson> criteria = new ArrayList<>();
        if (query.actor() != null) {
            criteria.add(eq(AuditEntryMapper.ACTOR, query.actor().value()));
        }
        if (query.target() != null) {
            criteria.add(eq(AuditEntryMapper.TARGETS, query.target()));
        }
        if (query.from() != null) {
            criteria.add(gte(AuditEntryMapper.AT, Fields.dateRoundedUp(query.from())));
        }
        if (query.to() != null) {
            criteria.add(lt(AuditEntryMapper.AT, Fields.dateRoundedUp(query.to())));
        }
        Bson filter = criteria.isEmpty() ? new Document() : and(criteria);
        return MongoErrors.call("query the audit trail", () -> {
            List<AuditEntry> found = new ArrayList<>();
            entries.find(filter)
                    .sort(orderBy(descending(AuditEntryMapper.AT), descending(AuditEntryMapper.ID)))
                    .limit(query.limit())
                    .forEach(document -> found.add(AuditEntryMapper.fromDocument(document)));
            return List.copyOf(found);
        });
    }
}
