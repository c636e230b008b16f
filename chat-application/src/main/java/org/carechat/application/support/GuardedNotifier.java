package org.carechat.application.support;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import org.carechat.application.SessionId;
import org.carechat.application.port.Notifier;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;

/**
 * The notifier as the use cases see it: delivery is best effort, so whatever a transport throws while it
 * fans an event out stays there. A change is stored before it is published; a failing fan-out must not
 * turn a stored change into a failed request, skip its audit entry or lose its reply. Errors of the JVM
 * itself (out of memory, stack overflow) still propagate.
 */
public final class GuardedNotifier implements Notifier {
    private static final Logger LOG = System.getLogger(GuardedNotifier.class.getName());

    private final Notifier delegate;

    public GuardedNotifier(Notifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public void notify(Collection<UserId> recipients, ChatEvent event, SessionId except) {
        try {
            delegate.notify(recipients, event, except);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error failed) {
            // the kind of event and of failure only: the event holds health data
            LOG.log(Level.ERROR, () -> "publishing " + event.getClass().getSimpleName() + " failed: "
                    + failed.getClass().getName());
        }
    }
}
