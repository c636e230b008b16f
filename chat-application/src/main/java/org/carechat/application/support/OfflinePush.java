package org.carechat.application.support;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.carechat.application.port.Presence;
import org.carechat.application.port.PushNotifications;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.application.port.Timers;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.UserId;

/**
 * Tells the push service of a message for each recipient with no open session. The presence look-ups (a Redis round
 * trip each in a cluster) run in a task of the timers once the change committed: never on the path of the change,
 * nor under its conversation's lock.
 */
public final class OfflinePush {
    private static final Logger LOG = Logger.getLogger(OfflinePush.class.getName());

    private final Presence presence;
    private final PushNotifications push;
    private final Timers timers;

    public OfflinePush(Presence presence, PushNotifications push, Timers timers) {
        this.presence = presence;
        this.push = push;
        this.timers = timers;
    }

    /** Whether there is a push service at all: without one, callers need not even list recipients. */
    public boolean enabled() {
        return push != PushNotifications.NONE;
    }

    /** Once {@code unit} has committed, tells the push service of {@code message} for each offline recipient. */
    public void afterCommit(Unit unit, List<UserId> recipients, Message message, PushNotice.Kind kind) {
        if (!enabled() || recipients.isEmpty()) {
            return;
        }
        List<UserId> told = List.copyOf(recipients);
        unit.afterCommit(() -> timers.schedule(Duration.ZERO, () -> pushToOffline(told, message, kind)));
    }

    private void pushToOffline(List<UserId> recipients, Message message, PushNotice.Kind kind) {
        for (UserId recipient : recipients) {
            try {
                if (presence.find(recipient).sessions() == 0) {
                    push.notify(new PushNotice(recipient, message.conversationId(), message.id(),
                            message.priority().wireName(), message.createdAt(), kind));
                }
            } catch (RuntimeException e) {
                // the change is stored and published: a push that fails takes nothing back
                LOG.log(Level.WARNING, "no push for a message to " + recipient + ": " + e);
            }
        }
    }
}
