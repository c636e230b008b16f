package org.carechat.domain.user;

import org.carechat.domain.common.Ids;

/** Who a person or system is: the {@code sub} of their token and the key of the directory. */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        Ids.requireWellFormed(value, "user id");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
