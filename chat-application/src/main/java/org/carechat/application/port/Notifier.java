package org.carechat.application.port;

import java.util.Collection;
import org.carechat.application.SessionId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;

/**
 * Pushes events to the connected sessions of users. Delivery is best effort and never blocks the
 * caller; events published for one conversation in order arrive in that order.
 */
public interface Notifier {

    /**
     * Tells every session of every recipient, except the session {@code except} (the one the change came
     * from, which gets its own reply; null for none).
     */
    void notify(Collection<UserId> recipients, ChatEvent event, SessionId except);
}
