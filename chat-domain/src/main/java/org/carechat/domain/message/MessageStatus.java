package org.carechat.domain.message;

import java.util.Locale;

/** Where a message stands for its sender: stored, on a recipient's device, read. It never moves backwards. */
public enum MessageStatus {
    SENT,
    DELIVERED,
    READ;

    public boolean canMoveTo(MessageStatus next) {
        return next.ordinal() >= ordinal();
    }

    /** {@code next} when it is further along, this status otherwise: a late "delivered" never undoes a "read". */
    public MessageStatus advanceTo(MessageStatus next) {
        return canMoveTo(next) ? next : this;
    }

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
