package org.carechat.application;

import java.time.Clock;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.Blobs;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Calls;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Escalations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.IdGenerator;
import org.carechat.application.port.Messages;
import org.carechat.application.port.Notifier;
import org.carechat.application.port.Presence;
import org.carechat.application.port.PushNotifications;
import org.carechat.application.port.Timers;
import org.carechat.domain.common.Require;

/**
 * Every driven port the core needs. {@code directory} and {@code careRelationships} may be read-only
 * sources of the clinic; administration can change them only when they are also stores. {@code changes} is
 * where every change is committed, with its audit entry: it belongs to the same store as the conversations,
 * messages and audit trail, and to the directory and care relationships when administration changes them.
 * {@code push} hears of each new message for a participant with no open session ({@link PushNotifications#NONE}
 * when the clinic has no push service). {@code escalations} names who an urgent message nobody acknowledged is
 * handed on to ({@link Escalations#CARE_TEAM} unless the clinic has its own roster).
 */
public record ChatPorts(Conversations conversations, Messages messages, CareRelationships careRelationships,
                        Directory directory, Attachments attachments, Blobs blobs, AuditTrail auditTrail, Changes changes,
                        Notifier notifier, Presence presence, Calls calls, Timers timers, IdGenerator ids,
                        Clock clock, PushNotifications push, Escalations escalations) {
    /** Escalating to the care team ({@link Escalations#CARE_TEAM}). */
    public ChatPorts(Conversations conversations, Messages messages, CareRelationships careRelationships,
                     Directory directory, Attachments attachments, Blobs blobs, AuditTrail auditTrail, Changes changes,
                     Notifier notifier, Presence presence, Calls calls, Timers timers, IdGenerator ids, Clock clock,
                     PushNotifications push) {
        this(conversations, messages, careRelationships, directory, attachments, blobs, auditTrail, changes, notifier,
                presence, calls, timers, ids, clock, push, Escalations.CARE_TEAM);
    }

    /** Without a push service ({@link PushNotifications#NONE}), escalating to the care team. */
    public ChatPorts(Conversations conversations, Messages messages, CareRelationships careRelationships,
                     Directory directory, Attachments attachments, Blobs blobs, AuditTrail auditTrail, Changes changes,
                     Notifier notifier, Presence presence, Calls calls, Timers timers, IdGenerator ids, Clock clock) {
        this(conversations, messages, careRelationships, directory, attachments, blobs, auditTrail, changes, notifier,
                presence, calls, timers, ids, clock, PushNotifications.NONE);
    }

    public ChatPorts {
        Require.nonNull(conversations, "conversations");
        Require.nonNull(messages, "messages");
        Require.nonNull(careRelationships, "careRelationships");
        Require.nonNull(directory, "directory");
        Require.nonNull(attachments, "attachments");
        Require.nonNull(blobs, "blobs");
        Require.nonNull(auditTrail, "auditTrail");
        Require.nonNull(changes, "changes");
        Require.nonNull(notifier, "notifier");
        Require.nonNull(presence, "presence");
        Require.nonNull(calls, "calls");
        Require.nonNull(timers, "timers");
        Require.nonNull(ids, "ids");
        Require.nonNull(clock, "clock");
        Require.nonNull(push, "push");
        Require.nonNull(escalations, "escalations");
    }

    /** These ports, with {@code value} told of new messages for people with no open session. */
    public ChatPorts withPush(PushNotifications value) {
        return new ChatPorts(conversations, messages, careRelationships, directory, attachments, blobs, auditTrail,
                changes, notifier, presence, calls, timers, ids, clock, value, escalations);
    }

    /** These ports, with urgent messages nobody acknowledged handed on to whom {@code value} names. */
    public ChatPorts withEscalations(Escalations value) {
        return new ChatPorts(conversations, messages, careRelationships, directory, attachments, blobs, auditTrail,
                changes, notifier, presence, calls, timers, ids, clock, push, value);
    }

    /** The directory as a store, or null when the clinic manages it elsewhere. */
    public DirectoryStore directoryStore() {
        return directory instanceof DirectoryStore store ? store : null;
    }

    /** The care relationships as a store, or null when the clinic's appointment system is the source. */
    public CareRelationshipStore careRelationshipStore() {
        return careRelationships instanceof CareRelationshipStore store ? store : null;
    }
}
