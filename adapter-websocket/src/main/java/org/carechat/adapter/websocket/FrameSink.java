package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;

/**
 * Where one socket's frames go: an asynchronous text send that reports its end to a handler (possibly
 * before {@link #send} returns), and a close. In production {@code session.getAsyncRemote()}.
 */
interface FrameSink {

    /** Sends one text frame; may throw (the frame was then not sent), or report its end to {@code whenDone}. */
    void send(String frame, SendHandler whenDone);

    /** Whether the socket is still open; asked after a send threw, to tell a bad frame from a gone socket. */
    boolean isOpen();

    /** Closes the socket; called on the adapter's own thread, never in the thread that published an event. */
    void close(CloseReason reason);
}
