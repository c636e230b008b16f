package org.carechat.domain.common;

/**
 * The shape every opaque id of CareChat has on the wire: 1 to 128 characters of letters, digits and
 * {@code _ - . : @}. Anything else is not an id, so it can be refused before it reaches a store.
 */
public final class Ids {
    public static final int MAX_LENGTH = 128;

    private Ids() {
    }

    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.' || c == ':' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String requireWellFormed(String value, String name) {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(name + " is not a well-formed id");
        }
        return value;
    }
}
