package org.carechat.bench.load;

/** What a connection does with the frames it receives; called on the connection's event loop. */
public interface FrameListener {
    /** A text frame, as UTF-8 bytes in {@code bytes[0, length)} (a buffer reused after this call returns). */
    void onFrame(WsConnection connection, byte[] bytes, int length);

    /** The connection closed, whoever closed it. */
    default void onClose(WsConnection connection) {
    }
}
