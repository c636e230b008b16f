package org.carechat.application.port;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/** Where conversations and their participants' cursors are kept. */
public interface Conversations {

    Optional<Conversation> find(ConversationId id);

    /** The direct conversation between two people, in either order. */
    Optional<Conversation> findDirect(UserId a, UserId b);

    /**
     * The conversation as a change of it is to be computed from, read under its lock and committed through
     * {@link Changes}. A store whose commit refuses a change computed from what is no longer stored (as
     * {@link Changes#commit} must) may answer from the copy it last committed or read, without asking the
     * database: a stale copy only makes that commit a {@link ChangeConflict}, after which the store answers from
     * what is stored again. Only the core's changes read this; everything shown to a user reads {@link #find}.
     */
    default Optional<Conversation> findToChange(ConversationId id) {
        return find(id);
    }

    /** As {@link #findToChange}, for the direct conversation between two people, in either order. */
    default Optional<Conversation> findDirectToChange(UserId a, UserId b) {
        return findDirect(a, b);
    }

    /**
     * The direct conversation between the two participants of {@code candidate}: the one already stored,
     * or {@code candidate} itself, stored now. Two callers racing for the same pair get the same
     * conversation; compare ids to learn whether it was created.
     */
    Conversation getOrCreateDirect(Conversation candidate);

    /**
     * Applies {@code change} to the stored conversation atomically: no concurrent change is lost.
     * {@code change} may run more than once and must not have side effects; it may throw, and then nothing
     * changes. It never changes the id or the participants.
     *
     * @return the conversation as stored after the change, or empty when there is no such conversation
     */
    Optional<Conversation> update(ConversationId id, UnaryOperator<Conversation> change);

    /** Every conversation {@code user} takes part in, most recently updated first. */
    List<Conversation> ofParticipant(UserId user);
}
