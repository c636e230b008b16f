package org.carechat.application.port;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.conversation.ConversationId;

/** Calls that are ringing or active. An ended call leaves; its summary stays as a {@code call} message. */
public interface Calls {

    /**
     * Stores a new call unless the conversation already has a live call.
     *
     * @return true when stored
     */
    boolean startIfIdle(Call call);

    Optional<Call> find(CallId id);

    /**
     * Applies {@code change} atomically; the change may run more than once and may throw (then nothing
     * changes). It never changes the id, the conversation or the parties.
     */
    Optional<Call> update(CallId id, UnaryOperator<Call> change);

    void remove(CallId id);

    Optional<Call> liveIn(ConversationId conversation);
}
