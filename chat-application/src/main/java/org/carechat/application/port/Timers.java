package org.carechat.application.port;

import java.time.Duration;

/** Runs something later (typing expiry, ring timeout), on the same clock as the rest of the core. */
public interface Timers {

    Scheduled schedule(Duration delay, Runnable task);

    /** A task not yet run; cancelling one that ran or was cancelled does nothing. */
    interface Scheduled {
        void cancel();
    }
}
