package org.carechat.application.messaging;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Escalations;
import org.carechat.application.port.Escalations.EscalationCase;
import org.carechat.application.port.Messages;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.application.port.Timers;
import org.carechat.application.support.Audit;
import org.carechat.application.support.CareTeam;
import org.carechat.application.support.OfflinePush;
import org.carechat.application.support.PeriodicBatches;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Follows up urgent messages nobody acknowledged ({@link UrgentFollowUp.Policy}): once the reminder is due, every
 * recipient hears of the message again ({@code urgent_reminder}, to the conversation's people, and a push to the
 * recipients with no open session, even in a muted conversation); once the escalation is due, the {@link Escalations} contacts are told ({@code
 * urgent_escalated}, to them and to the conversation's people, and a push to contacts with no open session). The
 * steps are stored on the message, so they survive a restart; each is a change of the message, committed with its
 * audit entry in the name of {@link #ACTOR}, and stored only over the message as it was read: of several nodes
 * that find the same step due, one takes it, the others' commit collides and, computed again, finds it taken
 * (their audit entry says {@code conflict}). Nobody is told anything before the step is stored.
 */
public final class UrgentFollowUps {
    /** Who the audit trail names for a reminder or an escalation: CareChat itself. */
    public static final Actor ACTOR = Actor.of(UserId.of("carechat:urgent"), Role.SERVICE);
    public static final int DEFAULT_BATCH = 100;
    private static final Logger LOG = System.getLogger(UrgentFollowUps.class.getName());

    private final Messages messages;
    private final Conversations conversations;
    private final Directory directory;
    private final CareRelationships relationships;
    private final Escalations escalations;
    private final OfflinePush push;
    private final Audit audit;
    private final UrgentFollowUp.Policy policy;
    private final Clock clock;
    private final PeriodicBatches batches;

    public UrgentFollowUps(Messages messages, Conversations conversations, Directory directory,
                           CareRelationships relationships, Escalations escalations, OfflinePush push, Audit audit,
                           UrgentFollowUp.Policy policy, Timers timers, Clock clock) {
        this.messages = messages;
        this.conversations = conversations;
        this.directory = directory;
        this.relationships = relationships;
        this.escalations = escalations;
        this.push = push;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
        this.batches = new PeriodicBatches(timers, "following up urgent messages", limit -> sweep(limit).backlog());
    }

    /**
     * What one batch did: how many waiting urgent messages it looked at, the steps it took, and whether more may be
     * waiting (a look came back full).
     */
    public record Swept(int examined, int reminded, int escalated, boolean backlog) {
    }

    /**
     * One batch, now: up to {@code limit} urgent messages due for their reminder, then up to {@code limit} due for
     * their escalation, the oldest first, each taken one step on. A step another node took meanwhile is left alone.
     */
    public Swept sweep(int limit) {
        Instant now = clock.instant();
        int examined = 0;
        int[] taken = new int[2];
        boolean backlog = false;
        Set<MessageId> remindedNow = new HashSet<>();
        for (UrgentFollowUp reached : List.of(UrgentFollowUp.NONE, UrgentFollowUp.REMINDED)) {
            List<Message> due = messages.awaitingAcknowledgement(reached, policy.sentBeforeForNextStep(reached, now), limit);
            examined += due.size();
            backlog |= due.size() >= limit;
            UrgentFollowUp step = UrgentFollowUp.values()[reached.ordinal() + 1];
            for (Message message : due) {
                // never escalated in the look that reminded it: the recipients get at least one interval of looks
                if (remindedNow.contains(message.id()) || !policy.dueFor(message, now).equals(Optional.of(step))) {
                    continue;
                }
                if (tookStep(message.id(), step)) {
                    taken[reached.ordinal()]++;
                    if (step == UrgentFollowUp.REMINDED) {
                        remindedNow.add(message.id());
                    }
                }
            }
        }
        return new Swept(examined, taken[0], taken[1], backlog);
    }

    /**
     * Takes one step, and whatever goes wrong with it (a clinic's roster that throws, a store error) stays with this
     * message: the others of the batch still get theirs. The failure is audited, and logged without content.
     */
    private boolean tookStep(MessageId id, UrgentFollowUp step) {
        try {
            return take(id, step).isOk();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "following up urgent message " + id + " (" + step + ") failed: "
                    + e.getClass().getSimpleName());
            return false;
        }
    }

    /** Looks for due steps every {@link UrgentFollowUp.Policy#checkEvery()}, from now on until {@link #stop}. */
    public void start() {
        batches.start(policy.checkEvery(), DEFAULT_BATCH);
    }

    public void stop() {
        batches.stop();
    }

    private Result<Message> take(MessageId id, UrgentFollowUp step) {
        AuditAction action = step == UrgentFollowUp.REMINDED ? AuditAction.URGENT_REMIND : AuditAction.URGENT_ESCALATE;
        return audit.run(ACTOR, action, unit -> {
            unit.add("message", id);
            messages.find(id).ifPresent(seen -> unit.lock(seen.conversationId()));
            // read again under the lock: the recipient may have acknowledged, another node taken the step
            Message current = messages.find(id).orElseThrow(() -> Refusal.notFound("message"));
            Conversation conversation = conversations.find(current.conversationId())
                    .orElseThrow(() -> Refusal.notFound("conversation"));
            unit.add("conversation", conversation.id());
            if (!policy.dueFor(current, clock.instant()).equals(Optional.of(step))) {
                throw Refusal.conflict("the message is no longer due for " + step);
            }
            Message changed = current.followedUp(step);
            unit.store(current, changed);
            List<UserId> recipients = conversation.othersThan(current.senderId());
            if (step == UrgentFollowUp.REMINDED) {
                // every device of the conversation's people: the recipients are asked again, the sender sees it went
                unit.tell(conversation.participants(), new ChatEvent.UrgentReminder(conversation.id(), id,
                        current.senderId(), current.createdAt()), null);
                push.afterCommit(unit, recipients, changed, PushNotice.Kind.URGENT_REMINDER);
            } else {
                UserId patient = patientOf(conversation);
                List<UserId> careTeam = patient == null ? List.of()
                        : CareTeam.of(relationships, patient, clock.instant()).stream()
                                .filter(clinician -> !conversation.participants().contains(clinician)).toList();
                List<UserId> contacts = contactsFor(new EscalationCase(conversation, changed, patient, careTeam));
                contacts.forEach(contact -> unit.add("user", contact));
                Set<UserId> told = new LinkedHashSet<>(conversation.participants());
                told.addAll(contacts);
                unit.tell(told, new ChatEvent.UrgentEscalated(conversation.id(), id, current.senderId(), patient,
                        current.createdAt(), contacts), null);
                push.afterCommit(unit, contacts.stream().filter(c -> !conversation.participants().contains(c)).toList(),
                        changed, PushNotice.Kind.URGENT_ESCALATION);
            }
            return changed;
        });
    }

    /** The clinic's contacts, each once, in their order; the escalation is recorded even when there are none. */
    private List<UserId> contactsFor(EscalationCase escalation) {
        List<UserId> answered = escalations.contactsFor(escalation);
        return answered == null ? List.of() : answered.stream().filter(Objects::nonNull).distinct().toList();
    }

    /** The conversation's patient, by the directory's roles; null when it has none. */
    private UserId patientOf(Conversation conversation) {
        for (UserId participant : conversation.participants()) {
            if (directory.find(participant).map(User::role).filter(role -> role.isPatient()).isPresent()) {
                return participant;
            }
        }
        return null;
    }
}
