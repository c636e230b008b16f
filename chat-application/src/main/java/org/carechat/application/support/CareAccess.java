package org.carechat.application.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.carechat.application.Actor;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.port.Messages;
import org.carechat.domain.care.CarePolicy;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.care.Decision;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Applies the care policy and the participation rule for the use cases: who may see a conversation
 * (its participants, for ever) and who may add to it (while the policy allows).
 */
public final class CareAccess {
    private final Conversations conversations;
    private final Messages messages;
    private final Directory directory;
    private final CareRelationships relationships;
    private final CarePolicy policy;
    private final BreakGlassGrants breakGlass;
    private final Clock clock;

    public CareAccess(Conversations conversations, Messages messages, Directory directory,
                      CareRelationships relationships, CarePolicy policy, BreakGlassGrants breakGlass, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.directory = directory;
        this.relationships = relationships;
        this.policy = policy;
        this.breakGlass = breakGlass;
        this.clock = clock;
    }

    /**
     * The conversation, to read: if the actor takes part in it, or, for a clinician, while a break-glass grant of
     * theirs for one of its participants lasts; the read is then audited with {@code via:break_glass}. Nothing
     * else opens under break-glass: changing the conversation still needs taking part in it.
     */
    public Conversation readable(Actor actor, ConversationId id, Unit unit) {
        Optional<Conversation> found = id == null ? Optional.empty() : conversations.find(id);
        if (found.isPresent() && !found.get().isParticipant(actor.id()) && actor.role().isClinician()) {
            for (UserId participant : found.get().participants()) {
                if (breakGlass.activeUntil(actor.id(), participant).isPresent()) {
                    unit.add("via", "break_glass");
                    return found.get();
                }
            }
        }
        return ifParticipant(actor, found);
    }

    /** The conversation, if the actor takes part in it; one they don't take part in does not exist for them. */
    public Conversation participantOf(Actor actor, ConversationId id) {
        return ifParticipant(actor, conversations.find(id));
    }

    /**
     * The conversation as stored under its lock, taken for {@code unit}, if the actor takes part in it: the
     * state a change of it is computed from.
     */
    public Conversation participantOf(Actor actor, ConversationId id, Unit unit) {
        if (id == null) {
            throw Refusal.notFound("conversation");
        }
        unit.lock(id);
        return unit.current(ifParticipant(actor, conversations.findToChange(id)));
    }

    /** {@code found}, if the actor takes part in it; one they don't take part in does not exist for them. */
    private static Conversation ifParticipant(Actor actor, Optional<Conversation> found) {
        return found.filter(conversation -> conversation.isParticipant(actor.id()))
                .orElseThrow(() -> Refusal.notFound("conversation"));
    }

    /** Admins and services manage CareChat but never converse, whatever the directory says. */
    public void requireConversant(Actor actor) {
        if (actor.role().administers()) {
            throw Refusal.forbidden("administrators and services do not converse");
        }
    }

    /**
     * May the actor bring something new for a conversation (a file) now: is there anyone they may converse with?
     * The care policy says ({@link CarePolicy#mayShare}), from the relationships the actor is part of.
     */
    public void requireMayShare(Actor actor) {
        requireConversant(actor);
        User me = self(actor);
        policy.mayShare(me, relationships.involving(me.id()), clock.instant()).orRefuse();
    }

    /** The actor's directory entry, or, for someone the directory does not know yet, what their token says. */
    public User self(Actor actor) {
        return directory.find(actor.id()).orElseGet(() -> new User(actor.id(), actor.id().value(), actor.role(), null));
    }

    /**
     * May {@code from} add to a conversation with {@code to} now? Someone the directory does not know is
     * answered like someone without a care relationship, so user ids cannot be probed.
     */
    public Decision mayConverse(User from, UserId to) {
        Optional<User> other = directory.find(to);
        if (other.isEmpty()) {
            return new Decision.Denied("no care relationship");
        }
        return policy.mayConverse(from, other.get(), relationshipOf(from, other.get()), clock.instant());
    }

    /** May {@code viewer} add to {@code conversation} now: messages, typing, calls. */
    public Decision maySend(User viewer, Conversation conversation) {
        if (viewer.role().administers()) {
            return new Decision.Denied("administrators and services do not converse");
        }
        for (UserId other : conversation.othersThan(viewer.id())) {
            Decision decision = mayConverse(viewer, other);
            if (!decision.allowed()) {
                return decision;
            }
        }
        return new Decision.Allowed("every participant may be addressed");
    }

    /**
     * May {@code user}, as the directory knows them, add to {@code conversation} now? Used where no request
     * carries a token (a call watched by the server); someone the directory does not know may not.
     */
    public Decision maySend(UserId user, Conversation conversation) {
        return directory.find(user).map(known -> maySend(known, conversation))
                .orElseGet(() -> new Decision.Denied("no care relationship"));
    }

    /**
     * When the care relationships that let {@code user} add to {@code conversation} end by themselves (their
     * {@code validUntil}), the earliest of them; empty when none has an end.
     */
    public Optional<Instant> careEnds(UserId user, Conversation conversation) {
        Optional<User> self = directory.find(user);
        if (self.isEmpty()) {
            return Optional.empty();
        }
        Instant earliest = null;
        for (UserId other : conversation.othersThan(user)) {
            Optional<User> them = directory.find(other);
            if (them.isEmpty()) {
                continue;
            }
            Instant until = relationshipOf(self.get(), them.get()).map(CareRelationship::validUntil).orElse(null);
            if (until != null && (earliest == null || until.isBefore(earliest))) {
                earliest = until;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The conversation the actor may add to, named by id. */
    public Conversation writableConversation(Actor actor, ConversationId id) {
        requireConversant(actor);
        Conversation conversation = participantOf(actor, id);
        maySend(self(actor), conversation).orRefuse();
        return conversation;
    }

    /** As {@link #writableConversation(Actor, ConversationId)}, locked and read for {@code unit}, to add to it. */
    public Conversation writableConversation(Actor actor, ConversationId id, Unit unit) {
        requireConversant(actor);
        Conversation conversation = participantOf(actor, id, unit);
        maySend(self(actor), conversation).orRefuse();
        return conversation;
    }

    /** The actor's direct conversation with {@code to}, opened now if there is none, when the policy allows. */
    public Opened direct(Actor actor, UserId to, ConversationId idIfNew) {
        Conversation stored = consentedDirect(actor, to, false).orElseGet(() -> conversations.getOrCreateDirect(
                Conversation.direct(idIfNew, actor.id(), to, clock.instant())));
        return new Opened(stored, stored.id().equals(idIfNew));
    }

    /**
     * As {@link #direct}, for {@code unit}: the conversation is locked and read under its lock; one that does not
     * exist yet is staged in the unit and stored with the rest of its change (its first message, the audit entry
     * of opening it), so it is never stored without them. Two people opening it at once: one commit collides on
     * the pair, and that operation, run again, finds the other's conversation.
     */
    public Opened direct(Actor actor, UserId to, ConversationId idIfNew, Unit unit) {
        Optional<Conversation> existing = consentedDirect(actor, to, true);
        if (existing.isPresent()) {
            return new Opened(participantOf(actor, existing.get().id(), unit), false);
        }
        Conversation created = Conversation.direct(idIfNew, actor.id(), to, clock.instant());
        unit.lock(created.id()).store(null, created);
        return new Opened(created, true);
    }

    /**
     * The direct conversation with {@code to} if there is one, once the care policy allows the two to converse;
     * {@code toChange} when it is read to be changed ({@link Conversations#findDirectToChange}).
     */
    private Optional<Conversation> consentedDirect(Actor actor, UserId to, boolean toChange) {
        requireConversant(actor);
        mayConverse(self(actor), to).orRefuse();
        return toChange ? conversations.findDirectToChange(actor.id(), to) : conversations.findDirect(actor.id(), to);
    }

    /** The existing direct conversation with {@code to}; not found when there is none. */
    public Conversation existingDirect(Actor actor, UserId to) {
        return conversations.findDirect(actor.id(), to).orElseThrow(() -> Refusal.notFound("conversation"));
    }

    /** The message and its conversation, if the actor takes part in it; otherwise it does not exist for them. */
    public Visible visibleMessage(Actor actor, MessageId id) {
        Message message = messages.find(id).orElseThrow(() -> Refusal.notFound("message"));
        Conversation conversation = conversations.find(message.conversationId())
                .filter(candidate -> candidate.isParticipant(actor.id()))
                .orElseThrow(() -> Refusal.notFound("message"));
        return new Visible(message, conversation);
    }

    /** A message the actor may see, with its conversation. */
    public record Visible(Message message, Conversation conversation) {
    }

    /** A direct conversation and whether this request created it. */
    public record Opened(Conversation conversation, boolean created) {
    }

    private Optional<CareRelationship> relationshipOf(User a, User b) {
        if (a.role().isPatient() && b.role().isClinician()) {
            return relationships.between(a.id(), b.id());
        }
        if (b.role().isPatient() && a.role().isClinician()) {
            return relationships.between(b.id(), a.id());
        }
        return Optional.empty();
    }
}
