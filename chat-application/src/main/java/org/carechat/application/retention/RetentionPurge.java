package org.carechat.application.retention;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.carechat.application.Actor;
import org.carechat.application.attachment.AttachmentRetention;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Timers;
import org.carechat.application.support.Audit;
import org.carechat.application.support.PeriodicBatches;
import org.carechat.application.support.RetentionRecords;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.retention.LegalHold;
import org.carechat.domain.retention.RetentionPolicy;

/**
 * Purges what the retention no longer keeps, in bounded batches on the core's timers (like
 * {@link AttachmentRetention}): the messages older than their conversation's period (its own, else the
 * deployment's) become tombstones, each under its conversation's lock with one {@code message_purge} entry
 * (targets message, conversation, and the file it carried; never content) and {@code message_deleted} for the
 * participants; the file is deleted at once (metadata and bytes, {@code attachment_expire}). Nothing a legal hold
 * covers is purged. Then the audit entries older than the audit retention are deleted, with one
 * {@code audit_purge} entry saying how many ({@code count:<n>}); the entries of the holds and periods themselves
 * are kept ({@link RetentionRecords#KEPT}).
 */
public final class RetentionPurge {
    /** Who the audit trail names for a purge: CareChat itself (the same actor as the attachment retention). */
    public static final Actor ACTOR = AttachmentRetention.ACTOR;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    public static final int DEFAULT_BATCH = 100;
    private static final Logger LOG = System.getLogger(RetentionPurge.class.getName());

    private final Conversations conversations;
    private final Messages messages;
    private final AuditTrail trail;
    private final RetentionRecords records;
    private final AttachmentRetention files;
    private final Audit audit;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final PeriodicBatches loop;

    public RetentionPurge(Conversations conversations, Messages messages, AuditTrail trail, RetentionRecords records,
                          AttachmentRetention files, Audit audit, RetentionPolicy policy, Timers timers, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.trail = trail;
        this.records = records;
        this.files = files;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
        this.loop = new PeriodicBatches(timers, "purging what the retention no longer keeps", batch -> {
            Purged purged = purge(batch);
            return purged.examined() >= batch || purged.auditDeleted() >= batch;
        });
    }

    /** What one batch did: the messages due it looked at, those it purged, and the audit entries it deleted. */
    public record Purged(int examined, int purged, int auditDeleted) {
    }

    /** One batch, now: up to {@code limit} messages, then up to {@code limit} audit entries. */
    public Purged purge(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the batch must be positive");
        }
        Instant now = clock.instant();
        List<Message> due = due(now, limit);
        int purged = 0;
        for (Message message : due) {
            try {
                if (purgeOne(message, now)) {
                    purged++;
                }
            } catch (RuntimeException e) {
                // stays with this message: the others of the batch, and the audit retention, still run
                LOG.log(Level.WARNING, "purging message " + message.id() + " failed: " + e.getClass().getSimpleName());
            }
        }
        return new Purged(due.size(), purged, purgeAudit(now, limit));
    }

    /** The messages due, oldest first: first of the conversations with their own period, then of the others. */
    private List<Message> due(Instant now, int limit) {
        Map<ConversationId, Duration> periods = new TreeMap<>(java.util.Comparator.comparing(ConversationId::value));
        periods.putAll(records.periods());
        if (policy.messages() == null && periods.isEmpty()) {
            return List.of();
        }
        Set<ConversationId> held = held(records.activeHolds());
        List<Message> due = new ArrayList<>();
        for (Map.Entry<ConversationId, Duration> own : periods.entrySet()) {
            if (due.size() == limit) {
                return due;
            }
            if (!held.contains(own.getKey())) {
                due.addAll(messages.purgeCandidates(new Messages.PurgeQuery(now.minus(own.getValue()),
                        Set.of(own.getKey()), Set.of(), limit - due.size())));
            }
        }
        Optional<Instant> cutoff = policy.messageCutoff(null, now);
        if (cutoff.isPresent() && due.size() < limit) {
            Set<ConversationId> excluding = new HashSet<>(held);
            excluding.addAll(periods.keySet());
            due.addAll(messages.purgeCandidates(new Messages.PurgeQuery(cutoff.get(), Set.of(), excluding,
                    limit - due.size())));
        }
        return due;
    }

    /** The conversations the holds cover: those held, and every conversation of a held patient. */
    private Set<ConversationId> held(List<LegalHold> holds) {
        Set<ConversationId> held = new HashSet<>();
        for (LegalHold hold : holds) {
            if (hold.kind() == LegalHold.Kind.CONVERSATION) {
                held.add(ConversationId.of(hold.targetId()));
            } else {
                conversations.ofParticipant(org.carechat.domain.user.UserId.of(hold.targetId()))
                        .forEach(conversation -> held.add(conversation.id()));
            }
        }
        return held;
    }

    /** Purges one message under its conversation's lock, after checking again that it is due and not held. */
    private boolean purgeOne(Message candidate, Instant now) {
        Result<Boolean> done = audit.run(ACTOR, AuditAction.MESSAGE_PURGE, unit -> {
            unit.add("message", candidate.id()).add("conversation", candidate.conversationId());
            unit.lock(candidate.conversationId());
            Message current = messages.find(candidate.id()).orElse(null);
            Conversation conversation = conversations.find(candidate.conversationId()).orElse(null);
            if (current == null || conversation == null || current.deleted()) {
                throw Refusal.conflict("the message is gone or deleted already");
            }
            Instant cutoff = policy.messageCutoff(records.periods().get(conversation.id()), now)
                    .orElseThrow(() -> Refusal.conflict("the retention keeps the message now"));
            if (!current.createdAt().isBefore(cutoff)) {
                throw Refusal.conflict("the retention keeps the message now");
            }
            if (records.activeHolds().stream().anyMatch(hold -> hold.covers(conversation))) {
                throw Refusal.conflict("a legal hold covers the conversation");
            }
            Message purged = current.purge();
            unit.store(current, purged);
            unit.tell(conversation.participants(), new ChatEvent.MessageDeleted(conversation.id(), current.id()), null);
            if (current.attachment() != null) {
                unit.add("attachment", current.attachment().id());
                unit.afterCommit(() -> files.expireNow(current.attachment().id()));
            }
            return true;
        });
        if (!done.isOk()) {
            // a message that changed since the batch read it (deleted, held, kept longer meanwhile): recorded, left
            LOG.log(Level.DEBUG, "purging message " + candidate.id() + " ended " + done.failure().kind());
        }
        return done.isOk();
    }

    private int purgeAudit(Instant now, int limit) {
        Optional<Instant> cutoff = policy.auditCutoff(now);
        if (cutoff.isEmpty()) {
            return 0;
        }
        int deleted = trail.deleteBefore(cutoff.get(), RetentionRecords.KEPT, limit);
        if (deleted > 0) {
            audit.run(ACTOR, AuditAction.AUDIT_PURGE, unit -> unit.add("count", deleted).add("before", cutoff.get()));
        }
        return deleted;
    }

    /** Runs a batch of {@link #DEFAULT_BATCH} every {@link #DEFAULT_INTERVAL}. */
    public void start() {
        start(DEFAULT_INTERVAL, DEFAULT_BATCH);
    }

    /** Runs a batch of {@code batchSize} every {@code every}, from now on until {@link #stop}; starting twice does nothing. */
    public void start(Duration every, int batchSize) {
        loop.start(every, batchSize);
    }

    public void stop() {
        loop.stop();
    }
}
