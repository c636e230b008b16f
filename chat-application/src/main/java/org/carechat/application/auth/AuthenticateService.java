package org.carechat.application.auth;

import java.time.Clock;
import org.carechat.application.port.TokenVerifier;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;

/** Refuses a missing token outright and an already expired identity even if the verifier let it pass. */
public final class AuthenticateService implements AuthenticateUseCase {
    private final TokenVerifier verifier;
    private final Clock clock;

    public AuthenticateService(TokenVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Result<Identity> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Result.err(new ChatFailure.Unauthorized("a bearer token is required"));
        }
        return verifier.verify(bearerToken.strip());
    }
}
