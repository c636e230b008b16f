package org.carechat.application.port;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Checks a bearer token issued by the clinic's identity provider: signature, algorithm, expiry, issuer,
 * audience. Answers the identity it proves, or an unauthorized failure that says why without echoing
 * the token.
 */
public interface TokenVerifier {

    Result<Identity> verify(String token);

    /** Who a valid token says the caller is, and until when it may be trusted. {@code name} may be null. */
    record Identity(UserId userId, Role role, String name, Instant expiresAt) {
        public Identity {
            Require.nonNull(userId, "userId");
            Require.nonNull(role, "role");
            Require.nonNull(expiresAt, "expiresAt");
        }
    }
}
