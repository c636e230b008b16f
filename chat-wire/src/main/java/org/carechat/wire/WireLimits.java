package org.carechat.wire;

/**
 * Bounds on the JSON the server parses, so that no client can make it work or allocate without limit.
 *
 * @param maxNestingDepth   deepest nesting of objects and arrays (64 by default)
 * @param maxStringLength   longest string value, in characters
 * @param maxDocumentLength longest document, in bytes or characters
 */
public record WireLimits(int maxNestingDepth, int maxStringLength, long maxDocumentLength) {
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    public WireLimits {
        if (maxNestingDepth < 2 || maxStringLength < 1 || maxDocumentLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive (depth at least 2)");
        }
    }

    public static WireLimits standard() {
        return new WireLimits(DEFAULT_MAX_NESTING_DEPTH, 1024 * 1024, 1024 * 1024);
    }
}
