package org.carechat.application.port;

/**
 * A change collided with what is stored, and nothing of it was stored: another writer came first (a seq, a
 * clientMessageId, a direct conversation's pair taken; a conversation or message changed since it was read).
 * The core reads again and computes the change anew.
 */
public final class ChangeConflict extends RuntimeException {
    public ChangeConflict(String message) {
        super(message);
    }

    public ChangeConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
