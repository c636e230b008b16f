package org.carechat.adapter.websocket;

import org.carechat.application.Actor;
import org.carechat.application.port.TokenVerifier.Identity;

/** The socket a client frame came from, as a handler sees it. */
interface Caller {

    /** Who is asking: the token's {@code sub} and role, and this socket's session. */
    Actor actor();

    /**
     * Replaces the socket's token with a fresh one of the same user, postponing the expiry close.
     *
     * @throws org.carechat.domain.failure.Refusal UNAUTHORIZED when the token is another user's
     */
    void renew(Identity identity);
}
