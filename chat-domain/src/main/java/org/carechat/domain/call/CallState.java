package org.carechat.domain.call;

/** A call rings, may become active, and always ends. */
public enum CallState {
    RINGING,
    ACTIVE,
    ENDED
}
