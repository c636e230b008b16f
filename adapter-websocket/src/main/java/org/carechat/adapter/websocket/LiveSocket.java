package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import java.time.Instant;

/** An open socket of either door, as the liveness sweep and the shutdown see it. */
interface LiveSocket {

    /** Run by the liveness sweep: closes on token expiry or silence, pings when due. */
    void checkLiveness(Instant now);

    /** Closes after the frames already queued for this socket (server shutdown). */
    void closeGracefully(CloseReason reason);

    /** After {@link #closeGracefully}: whether it has done all it can (closed, or flushed and waiting to be cut). */
    boolean settled();

    /** Closes now, dropping what is queued. */
    void close(CloseReason reason);
}
