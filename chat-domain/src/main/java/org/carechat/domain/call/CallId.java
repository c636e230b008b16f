package org.carechat.domain.call;

import org.carechat.domain.common.Ids;

/** Identifies a voice or video call. */
public record CallId(String value) {
    public CallId {
        Ids.requireWellFormed(value, "call id");
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
