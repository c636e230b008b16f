package org.carechat.wire;

/**
 * Client data that cannot be read: not JSON, too deep, a missing or unknown field, a value of the wrong
 * shape. The message is safe to send back; it never quotes the client's content.
 */
public final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public WireException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static WireException badRequest(String message) {
        return new WireException(ErrorCode.BAD_REQUEST, message);
    }

    public ErrorCode code() {
        return code;
    }
}
